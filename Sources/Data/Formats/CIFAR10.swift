import Foundation

/// CIFAR-10 (Krizhevsky 2009), binary version: `cifar-10-batches-bin/data_batch_{1..5}.bin` (train, 10,000
/// records each) and `test_batch.bin`; 10 classes, 32×32 RGB.
public enum CIFAR10 {
    public enum Split: String, Sendable, CaseIterable { case train, test }

    public static let folder = "cifar-10-batches-bin"
    public static let classes = 10
    public static let recordsPerFile = 10_000
    public static let recordBytes = 1 + CIFARBinary.imageBytes
    public static let source = DataSource(
        name: "CIFAR-10", layout: "cifar-10-batches-bin/{data_batch_1..5,test_batch}.bin",
        archive: "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz (unpack into the data root)", catalogName: "cifar10")

    public static func fileNames(_ split: Split) -> [String] {
        split == .train ? (1...5).map { "data_batch_\($0).bin" } : ["test_batch.bin"]
    }

    /// Every file with its exact size in bytes.
    public static var expectedFiles: [(name: String, bytes: Int)] {
        Split.allCases.flatMap(fileNames).map { ($0, recordsPerFile * recordBytes) }
    }

    public static func directory(root: URL) -> URL {
        DataRoot.locate(subfolder: folder, probe: "test_batch.bin", in: root)
    }

    /// Loads a split (train: the five batches in order, as torchvision concatenates them).
    public static func load(_ split: Split, root: URL) throws -> ImageDataset {
        let dir = directory(root: root)
        let paths = try fileNames(split).map { try BinaryFile.require($0, in: dir, root: root, source: source) }
        var pixels: [UInt8] = [], labels: [Int32] = []
        for path in paths {
            let part = try CIFARBinary.decode(BinaryFile.read(path), path: path, labelBytes: 1, labelIndex: 0,
                                              classes: classes, expectedRecords: recordsPerFile)
            pixels += part.pixels; labels += part.labels
        }
        return ImageDataset(name: "cifar10/\(split.rawValue)", channels: 3, height: 32, width: 32, classes: classes,
                            pixels: pixels, labels: labels)
    }
}
