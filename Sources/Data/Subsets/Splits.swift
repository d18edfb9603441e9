import Engine

/// Seeded subsets of a data set: few labels per class and a validation split held out of train.
public enum Splits {
    /// `perClass` images of every class, chosen by `seed` (each class its own stream), in data set order.
    public static func fewLabel(_ dataset: ImageDataset, perClass: Int, seed: UInt64) throws -> ImageDataset {
        guard perClass > 0 else {
            throw DataError.invalidParameter(name: "labels per class", value: "\(perClass)", expected: "> 0")
        }
        var chosen: [Int] = []
        for (c, members) in dataset.indicesByClass.enumerated() {
            guard members.count >= perClass else {
                throw DataError.invalidParameter(name: "labels per class", value: "\(perClass)",
                                                 expected: "at most the \(members.count) images of class \(c) in \(dataset.name)")
            }
            var rng = RNG(seed: seed, stream: [0xFE11_AB, UInt64(c)])
            chosen += rng.permutation(members.count).prefix(perClass).map { members[$0] }
        }
        return dataset.subset(chosen.sorted(), name: "\(dataset.name)-\(perClass)-per-class-\(seed)")
    }

    /// `count` images chosen by `seed`, in data set order (a smaller pretraining set).
    public static func random(_ dataset: ImageDataset, count: Int, seed: UInt64) throws -> ImageDataset {
        guard count > 0, count <= dataset.count else {
            throw DataError.invalidParameter(name: "subset size", value: "\(count)",
                                             expected: "1...\(dataset.count) (the size of \(dataset.name))")
        }
        var rng = RNG(seed: seed, stream: [0x5B5E7, 0])
        return dataset.subset(rng.permutation(dataset.count).prefix(count).sorted(), name: "\(dataset.name)-\(count)-\(seed)")
    }

    /// Splits off `validationCount` images chosen by `seed`; both parts keep data set order.
    public static func holdOut(_ dataset: ImageDataset, validationCount: Int,
                               seed: UInt64) throws -> (train: ImageDataset, validation: ImageDataset) {
        guard validationCount >= 0, validationCount < dataset.count else {
            throw DataError.invalidParameter(name: "validation size", value: "\(validationCount)",
                                             expected: "0..<\(dataset.count) (the size of \(dataset.name))")
        }
        var rng = RNG(seed: seed, stream: [0x5A11_D, 0])
        let perm = rng.permutation(dataset.count)
        let validation = perm.prefix(validationCount).sorted()
        let train = perm.dropFirst(validationCount).sorted()
        return (dataset.subset(train, name: "\(dataset.name)-train-\(seed)"),
                dataset.subset(validation, name: "\(dataset.name)-val-\(seed)"))
    }
}
