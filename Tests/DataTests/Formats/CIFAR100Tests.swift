import Foundation
import Testing
@testable import Data

@Suite struct CIFAR100Tests {
    @Test func loadsFineAndCoarseLabelsFromTheOfficialTestFile() throws {
        let dir = try TempDir()
        let pixels = testBytes(10_000 * 3072, seed: 12)
        let labels = (0..<10_000).map { [UInt8($0 % 100 / 5), UInt8($0 % 100)] }
        try dir.write("cifar-100-binary/test.bin", CIFARBinary.encode(pixels: pixels, labels: labels))
        let fine = try CIFAR100.load(.test, root: dir.url)
        #expect(fine.classes == 100 && fine.count == 10_000)
        #expect(fine.classHistogram == [Int](repeating: 100, count: 100))
        #expect(sameBytes(fine.pixels, pixels))
        let coarse = try CIFAR100.load(.test, root: dir.url, labels: .coarse)
        #expect(coarse.classes == 20 && Array(coarse.labels.prefix(12)) == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2])
    }

    @Test func missingFileNamesPathAndArchive() throws {
        let dir = try TempDir()
        let error = #expect(throws: DataError.self) { try CIFAR100.load(.train, root: dir.url) }
        let text = error?.description ?? ""
        #expect(text.contains(dir.path("cifar-100-binary/train.bin")))
        #expect(text.contains("cifar-100-binary.tar.gz"))
    }
}
