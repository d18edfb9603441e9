import Foundation

/// Fashion-MNIST (Xiao et al. 2017): 28×28 grey images of 10 clothing classes, 60,000 train / 10,000 test,
/// in four gzipped IDX files.
public enum FashionMNIST {
    public enum Split: String, Sendable, CaseIterable {
        case train, test
        /// The file prefix of the split (`train` or `t10k`).
        var prefix: String { self == .train ? "train" : "t10k" }
        /// The official number of images.
        public var expectedCount: Int { self == .train ? 60_000 : 10_000 }
    }

    public static let folder = "fashion-mnist"
    public static let classes = 10
    public static let side = 28
    /// Channel mean and std of the training pixels in [0, 1], the usual normalisation.
    public static let normalization = Normalization(mean: [0.2860], std: [0.3530])
    public static let source = DataSource(
        name: "Fashion-MNIST",
        layout: "fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz",
        debianPackage: "dataset-fashion-mnist",
        archive: "https://github.com/zalandoresearch/fashion-mnist", catalogName: "fashion-mnist")

    /// The four file names.
    public static func fileNames(_ split: Split) -> (images: String, labels: String) {
        ("\(split.prefix)-images-idx3-ubyte.gz", "\(split.prefix)-labels-idx1-ubyte.gz")
    }

    /// Every file the data set needs, relative to its folder.
    public static var allFileNames: [String] {
        Split.allCases.flatMap { s -> [String] in let f = fileNames(s); return [f.images, f.labels] }
    }

    /// The folder holding the files under `root`: `<root>/fashion-mnist`, or `root` if the files are directly in it.
    public static func directory(root: URL) -> URL {
        DataRoot.locate(subfolder: folder, probe: fileNames(.train).images, in: root)
    }

    /// Loads one split from under the data root, checking magic numbers, 28×28 size, the official count and
    /// that images and labels agree.
    public static func load(_ split: Split, root: URL) throws -> ImageDataset {
        let dir = directory(root: root)
        let names = fileNames(split)
        let imagePath = try path(names.images, in: dir, root: root)
        let labelPath = try path(names.labels, in: dir, root: root)

        let n = split.expectedCount
        // Each file may inflate to its official size and no further (a gzip bomb stops there).
        let images = try IDXFile(bytes: GzipFile.read(path: imagePath, limit: 16 + n * side * side), path: imagePath,
                                 expectedMagic: IDXFile.imageMagic)
        let labels = try IDXFile(bytes: GzipFile.read(path: labelPath, limit: 8 + n), path: labelPath,
                                 expectedMagic: IDXFile.labelMagic)
        guard images.dimensions == [n, side, side] else {
            throw DataError.corrupt(path: imagePath, expected: "\(n) images of \(side)x\(side)",
                                    found: images.dimensions.map(String.init).joined(separator: "x"))
        }
        guard labels.dimensions == [n] else {
            throw DataError.corrupt(path: labelPath, expected: "\(n) labels (as many as images)",
                                    found: "\(labels.dimensions.map(String.init).joined(separator: "x")) labels")
        }
        var labelValues = [Int32](repeating: 0, count: n)
        for (k, b) in labels.payload.enumerated() {
            guard b < classes else {
                throw DataError.corrupt(path: labelPath, expected: "labels 0..<\(classes)", found: "label \(b) at index \(k)")
            }
            labelValues[k] = Int32(b)
        }
        return ImageDataset(name: "\(folder)/\(split.rawValue)", channels: 1, height: side, width: side,
                            classes: classes, pixels: Array(images.payload), labels: labelValues)
    }

    /// The path of `name` in `dir`, or `missingFile` naming it (and, when `dir` differs, the flat alternative).
    private static func path(_ name: String, in dir: URL, root: URL) throws -> String {
        let p = dir.appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: p) { return p }
        var looked = [p]
        let flat = root.appendingPathComponent(name).path
        if flat != p { looked.append(flat) }
        throw DataError.missingFile(looked: looked, source: source)
    }
}
