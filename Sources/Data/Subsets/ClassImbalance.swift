import Foundation

/// Class-imbalanced training sets as CACR's official code builds them (`small_scale_experiments/*/util.py`,
/// `Imbalanced_CIFAR10` / `Imbalanced_CIFAR100`): for each class `i`, the class's indices (in data set order) are
/// shuffled with `sklearn.utils.shuffle(…, random_state=2021)` and the first `keep(i)` are kept; classes are
/// concatenated in order.
/// - Paper: Zheng et al., Contrastive Attraction and Contrastive Repulsion, TMLR 2023 (imbalanced CIFAR).
public enum ClassImbalance {
    /// How many images of class `i` (of `classes`, `available` present) are kept.
    public enum Profile: String, Sendable, CaseIterable, Codable {
        /// CIFAR-10 as coded: `int((i+1)/classes · available)` → 500, 1000, …, 5000 (27,500 images).
        case cacrLinear = "cacr-linear"
        /// CIFAR-100 as coded: `int(exp(i//10 + 1) / exp(10) · available)` → per ten-class group
        /// 0, 0, 0, 1, 3, 9, 24, 67, 183, 500 (7,870 images; 30 classes end up empty).
        case cacrExponentialGroups = "cacr-exponential-groups"

        public func keep(classIndex i: Int, classes: Int, available: Int) -> Int {
            switch self {
            case .cacrLinear:
                return Int(((Double(i) + 1.0) / Double(classes)) * Double(available))
            case .cacrExponentialGroups:
                return Int((exp(Double(i / 10) + 1.0) / exp(10.0)) * Double(available))
            }
        }
    }

    /// The seed CACR's code passes to `shuffle`.
    public static let cacrSeed: UInt32 = 2021

    /// The kept indices into `dataset`, class by class.
    public static func indices(of dataset: ImageDataset, profile: Profile, seed: UInt32 = cacrSeed) -> [Int] {
        dataset.indicesByClass.enumerated().flatMap { i, members -> [Int] in
            // sklearn's shuffle builds a fresh RandomState(seed) per call, i.e. per class.
            var rs = NumpyRandomState(seed: seed)
            var order = Array(0..<members.count)
            rs.shuffle(&order)
            let k = profile.keep(classIndex: i, classes: dataset.classes, available: members.count)
            return order.prefix(k).map { members[$0] }
        }
    }

    /// The imbalanced data set.
    public static func apply(to dataset: ImageDataset, profile: Profile, seed: UInt32 = cacrSeed) -> ImageDataset {
        dataset.subset(indices(of: dataset, profile: profile, seed: seed),
                       name: "\(dataset.name)-imbalanced-\(profile.rawValue)-\(seed)")
    }
}
