import Foundation

/// CIFAR-100, binary version: `cifar-100-binary/train.bin` (50,000 records) and `test.bin` (10,000), each record
/// a coarse label byte (20 superclasses), a fine label byte (100 classes) and 3072 pixel bytes.
public enum CIFAR100 {
    public enum Split: String, Sendable, CaseIterable {
        case train, test
        public var expectedCount: Int { self == .train ? 50_000 : 10_000 }
        var fileName: String { "\(rawValue).bin" }
    }

    /// Which label to keep.
    public enum Labels: Sendable { case fine, coarse }

    public static let folder = "cifar-100-binary"
    public static let recordBytes = 2 + CIFARBinary.imageBytes
    public static let source = DataSource(
        name: "CIFAR-100", layout: "cifar-100-binary/{train,test}.bin",
        archive: "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz (unpack into the data root)", catalogName: "cifar100")

    public static var expectedFiles: [(name: String, bytes: Int)] {
        Split.allCases.map { ($0.fileName, $0.expectedCount * recordBytes) }
    }

    public static func directory(root: URL) -> URL {
        DataRoot.locate(subfolder: folder, probe: "test.bin", in: root)
    }

    public static func load(_ split: Split, root: URL, labels: Labels = .fine) throws -> ImageDataset {
        let path = try BinaryFile.require(split.fileName, in: directory(root: root), root: root, source: source)
        let classes = labels == .fine ? 100 : 20
        let part = try CIFARBinary.decode(BinaryFile.read(path), path: path, labelBytes: 2,
                                          labelIndex: labels == .fine ? 1 : 0, classes: classes,
                                          expectedRecords: split.expectedCount)
        return ImageDataset(name: "cifar100/\(split.rawValue)\(labels == .coarse ? "-coarse" : "")", channels: 3,
                            height: 32, width: 32, classes: classes, pixels: part.pixels, labels: part.labels)
    }
}
