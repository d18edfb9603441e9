import Foundation
import Testing
@testable import Data

/// The real data set installed by Debian's dataset-fashion-mnist.
let systemRoot = URL(fileURLWithPath: "/usr/share/datasets")

/// Writes a Fashion-MNIST split of `n` images in the official gzipped IDX format under `dir`.
func writeFashionSplit(_ dir: TempDir, folder: String = "fashion-mnist", prefix: String, n: Int,
                       labelCount: Int? = nil, imageMagicOverride: UInt32? = nil) throws {
    var images = IDXFile.encode(dimensions: [n, 28, 28], payload: testBytes(n * 784, seed: 3))
    if let m = imageMagicOverride { images[2] = UInt8(m >> 8); images[3] = UInt8(m & 0xFF) }
    let labels = IDXFile.encode(dimensions: [labelCount ?? n], payload: (0..<(labelCount ?? n)).map { UInt8($0 % 10) })
    try FileManager.default.createDirectory(atPath: dir.path(folder), withIntermediateDirectories: true)
    try GzipFile.write(images, to: dir.path("\(folder)/\(prefix)-images-idx3-ubyte.gz"))
    try GzipFile.write(labels, to: dir.path("\(folder)/\(prefix)-labels-idx1-ubyte.gz"))
}

@Suite struct FashionMNISTTests {
    @Test func readsTheRealTrainingSet() throws {
        let train = try FashionMNIST.load(.train, root: systemRoot)
        #expect(train.count == 60_000)
        #expect(train.channels == 1 && train.height == 28 && train.width == 28)
        #expect(train.pixels.count == 60_000 * 784)
        #expect(train.classHistogram == [Int](repeating: 6_000, count: 10))
        #expect(Array(train.labels.prefix(4)) == [9, 0, 0, 3])
        // The data are images, not zeros: the training mean is the published normalisation constant.
        var sum = 0
        train.pixels.withUnsafeBufferPointer { p in for v in p { sum += Int(v) } }
        let mean = Double(sum) / Double(train.pixels.count) / 255
        #expect(abs(mean - 0.2860) < 0.0005)
    }

    @Test func readsTheRealTestSet() throws {
        let test = try FashionMNIST.load(.test, root: systemRoot)
        #expect(test.count == 10_000)
        #expect(test.classHistogram == [Int](repeating: 1_000, count: 10))
        #expect(test.name == "fashion-mnist/test")
    }

    @Test func acceptsARootThatHoldsTheFilesDirectly() throws {
        let flat = systemRoot.appendingPathComponent("fashion-mnist")
        #expect(FashionMNIST.directory(root: flat).path == flat.path)
        let test = try FashionMNIST.load(.test, root: flat)
        #expect(test.count == 10_000)
    }

    @Test func missingFolderNamesThePathAndThePackage() throws {
        let dir = try TempDir()
        let error = #expect(throws: DataError.self) { try FashionMNIST.load(.train, root: dir.url) }
        let expectedPath = dir.url.appendingPathComponent("fashion-mnist/train-images-idx3-ubyte.gz").path
        guard case let .missingFile(looked, source)? = error else { Issue.record("not missingFile: \(String(describing: error))"); return }
        #expect(looked.first == expectedPath)
        #expect(source.debianPackage == "dataset-fashion-mnist")
        let text = error!.description
        #expect(text.contains(expectedPath))
        #expect(text.contains("dataset-fashion-mnist"))
        #expect(text.contains("apt-get install dataset-fashion-mnist") && text.contains("--data-root"))
        #expect(!text.contains("\n"))
    }

    @Test func truncatedGzipIsCorrupt() throws {
        let dir = try TempDir()
        try writeFashionSplit(dir, prefix: "t10k", n: 10_000)
        let path = dir.path("fashion-mnist/t10k-images-idx3-ubyte.gz")
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: DataError.self) { try FashionMNIST.load(.test, root: dir.url) }
        guard case let .corrupt(p, _, _)? = error else { Issue.record("not corrupt: \(String(describing: error))"); return }
        #expect(p == path)
    }

    @Test func wrongCountIsCorruptAndSaysWhatWasFound() throws {
        let dir = try TempDir()
        try writeFashionSplit(dir, prefix: "t10k", n: 5)
        let error = #expect(throws: DataError.self) { try FashionMNIST.load(.test, root: dir.url) }
        let text = error?.description ?? ""
        #expect(text.contains("t10k-images-idx3-ubyte.gz"))
        #expect(text.contains("10000 images") && text.contains("5x28x28"))
    }

    @Test func labelsMustMatchImages() throws {
        let dir = try TempDir()
        try writeFashionSplit(dir, prefix: "t10k", n: 10_000, labelCount: 9_999)
        let error = #expect(throws: DataError.self) { try FashionMNIST.load(.test, root: dir.url) }
        guard case let .corrupt(p, _, found)? = error else { Issue.record("not corrupt"); return }
        #expect(p.hasSuffix("t10k-labels-idx1-ubyte.gz"))
        #expect(found.contains("9999"))
    }

    @Test func badMagicIsCorrupt() throws {
        let dir = try TempDir()
        try writeFashionSplit(dir, prefix: "t10k", n: 10, imageMagicOverride: 2049)
        let error = #expect(throws: DataError.self) { try FashionMNIST.load(.test, root: dir.url) }
        guard case let .corrupt(_, expected, found)? = error else { Issue.record("not corrupt"); return }
        #expect(expected.contains("2051"))
        #expect(found == "2049")
    }

    @Test func syntheticOfficialFormatRoundTrips() throws {
        let dir = try TempDir()
        try writeFashionSplit(dir, prefix: "t10k", n: 10_000)
        let test = try FashionMNIST.load(.test, root: dir.url)
        #expect(sameBytes(test.pixels, testBytes(10_000 * 784, seed: 3)))
        #expect(test.labels[0..<12] == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1])
    }
}
