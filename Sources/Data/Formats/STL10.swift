import Foundation

/// STL-10 (Coates et al. 2011), binary version: `stl10_binary/{train,test,unlabeled}_X.bin` of 96×96 RGB images
/// and `{train,test}_y.bin` labels 1…10. Each channel plane is stored column-major (the official loader
/// transposes it), so pixel (row r, column x) of channel c is byte `c·9216 + x·96 + r` of an image.
public enum STL10 {
    public enum Split: String, Sendable, CaseIterable {
        case train, test, unlabeled
        public var expectedCount: Int {
            switch self { case .train: 5_000; case .test: 8_000; case .unlabeled: 100_000 }
        }
        var imageFile: String { "\(rawValue)_X.bin" }
        var labelFile: String? { self == .unlabeled ? nil : "\(rawValue)_y.bin" }
    }

    public static let folder = "stl10_binary"
    public static let side = 96
    public static let imageBytes = 3 * 96 * 96
    public static let classes = 10
    public static let source = DataSource(
        name: "STL-10", layout: "stl10_binary/{train_X,train_y,test_X,test_y,unlabeled_X}.bin",
        archive: "https://cs.stanford.edu/~acoates/stl10/ (stl10_binary.tar.gz, unpack into the data root)", catalogName: "stl10")

    public static var expectedFiles: [(name: String, bytes: Int)] {
        Split.allCases.flatMap { s -> [(String, Int)] in
            [(s.imageFile, s.expectedCount * imageBytes)] + (s.labelFile.map { [($0, s.expectedCount)] } ?? [])
        }
    }

    public static func directory(root: URL) -> URL {
        DataRoot.locate(subfolder: folder, probe: "test_X.bin", in: root)
    }

    /// Loads a split; unlabelled images get label -1.
    public static func load(_ split: Split, root: URL) throws -> ImageDataset {
        let dir = directory(root: root)
        let images = try BinaryFile.require(split.imageFile, in: dir, root: root, source: source)
        let labels = try split.labelFile.map { try BinaryFile.require($0, in: dir, root: root, source: source) }
        return try read(images: images, labels: labels, expectedCount: split.expectedCount,
                        name: "stl10/\(split.rawValue)")
    }

    /// `train` followed by `unlabeled` (the pretraining set of the CACR and align-uniform STL-10 recipes).
    public static func loadTrainPlusUnlabeled(root: URL) throws -> ImageDataset {
        try load(.train, root: root).concatenated(with: load(.unlabeled, root: root), name: "stl10/train+unlabeled")
    }

    /// Reads an `_X.bin` file (and its `_y.bin`), transposing each plane to row-major.
    public static func read(images: String, labels: String?, expectedCount: Int?, name: String) throws -> ImageDataset {
        let raw = try BinaryFile.read(images)
        let n = expectedCount ?? raw.count / imageBytes
        guard raw.count == n * imageBytes else {
            throw DataError.corrupt(path: images, expected: "\(n * imageBytes) bytes (\(n) images of 3x96x96)",
                                    found: "\(raw.count) bytes")
        }
        var labelValues = [Int32](repeating: -1, count: n)
        if let labels {
            let y = try BinaryFile.read(labels)
            guard y.count == n else {
                throw DataError.corrupt(path: labels, expected: "\(n) label bytes (one per image)", found: "\(y.count)")
            }
            for (i, b) in y.enumerated() {
                guard (1...UInt8(classes)).contains(b) else {
                    throw DataError.corrupt(path: labels, expected: "labels 1...\(classes)", found: "\(b) at index \(i)")
                }
                labelValues[i] = Int32(b) - 1
            }
        }
        var pixels = [UInt8](repeating: 0, count: raw.count)
        raw.withUnsafeBufferPointer { src in
            pixels.withUnsafeMutableBufferPointer { dst in transposePlanes(src.baseAddress!, dst.baseAddress!, planes: 3 * n) }
        }
        return ImageDataset(name: name, channels: 3, height: side, width: side, classes: classes,
                            pixels: pixels, labels: labelValues)
    }

    /// Swaps rows and columns of `planes` consecutive 96×96 planes (its own inverse).
    public static func transposePlanes(_ src: UnsafePointer<UInt8>, _ dst: UnsafeMutablePointer<UInt8>, planes: Int) {
        let s = side
        for p in 0..<planes {
            let a = src + p * s * s, b = dst + p * s * s
            for x in 0..<s { for r in 0..<s { b[r * s + x] = a[x * s + r] } }
        }
    }
}
