import Foundation
import Testing
@testable import Data

@Suite struct CIFAR10Tests {
    /// A full-size official `test_batch.bin` (10,000 records, 30 MB) of synthetic images.
    func writeTestBatch(_ dir: TempDir, folder: String = "cifar-10-batches-bin") throws -> [UInt8] {
        let pixels = testBytes(10_000 * 3072, seed: 10)
        try dir.write("\(folder)/test_batch.bin", CIFARBinary.encode(pixels: pixels, labels: (0..<10_000).map { [UInt8($0 % 10)] }))
        return pixels
    }

    @Test func loadsTheOfficialTestBatch() throws {
        let dir = try TempDir()
        let pixels = try writeTestBatch(dir)
        let test = try CIFAR10.load(.test, root: dir.url)
        #expect(test.count == 10_000 && test.channels == 3 && test.height == 32)
        #expect(test.classHistogram == [Int](repeating: 1000, count: 10))
        #expect(sameBytes(test.pixels, pixels))
        // Also found when the root is the folder itself.
        #expect(try CIFAR10.load(.test, root: dir.url.appendingPathComponent("cifar-10-batches-bin")).count == 10_000)
    }

    @Test func missingTrainBatchIsNamedWithTheArchive() throws {
        let dir = try TempDir()
        _ = try writeTestBatch(dir)
        for i in [1, 2] { try dir.write("cifar-10-batches-bin/data_batch_\(i).bin", []) }
        let error = #expect(throws: DataError.self) { try CIFAR10.load(.train, root: dir.url) }
        let text = error?.description ?? ""
        #expect(text.contains(dir.path("cifar-10-batches-bin/data_batch_3.bin")))
        #expect(text.contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"))
        #expect(text.contains("cifar-10-batches-bin/{data_batch_1..5,test_batch}.bin"))
    }

    @Test func shortBatchIsCorrupt() throws {
        let dir = try TempDir()
        try dir.write("cifar-10-batches-bin/test_batch.bin",
                      CIFARBinary.encode(pixels: testBytes(5 * 3072, seed: 1), labels: (0..<5).map { [UInt8($0)] }))
        let error = #expect(throws: DataError.self) { try CIFAR10.load(.test, root: dir.url) }
        #expect(error?.description.contains("30730000 bytes") == true)
        #expect(error?.description.contains("15365 bytes") == true)
    }
}
