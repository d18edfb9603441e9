import Foundation
import Testing
@testable import Data

@Suite struct STL10Tests {
    /// Writes images given row-major `(N, 3, 96, 96)` in the official column-major-per-plane layout.
    func writeOfficial(_ dir: TempDir, _ name: String, rowMajor: [UInt8]) throws -> String {
        var file = [UInt8](repeating: 0, count: rowMajor.count)
        let planes = rowMajor.count / (96 * 96)
        for p in 0..<planes { for r in 0..<96 { for x in 0..<96 { file[p * 9216 + x * 96 + r] = rowMajor[p * 9216 + r * 96 + x] } } }
        return try dir.write("stl10_binary/\(name)", file)
    }

    @Test func planesAreTransposedToRowMajor() throws {
        let dir = try TempDir()
        // Image 0: red channel's first row white, everything else black.
        var images = [UInt8](repeating: 0, count: 2 * STL10.imageBytes)
        for x in 0..<96 { images[x] = 255 }
        images[STL10.imageBytes...] = ArraySlice(testBytes(STL10.imageBytes, seed: 6))
        let x = try writeOfficial(dir, "train_X.bin", rowMajor: images)
        // In the file the white row is the first *column*: bytes 0, 96, 192, …
        let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: x)))
        #expect(raw[0] == 255 && raw[96] == 255 && raw[1] == 0)
        let y = try dir.write("stl10_binary/train_y.bin", [1, 10])
        let d = try STL10.read(images: x, labels: y, expectedCount: 2, name: "t")
        #expect(d.pixels == images)
        #expect(d.labels == [0, 9])
    }

    @Test func unlabelledImagesGetMinusOne() throws {
        let dir = try TempDir()
        let x = try writeOfficial(dir, "unlabeled_X.bin", rowMajor: testBytes(3 * STL10.imageBytes, seed: 7))
        let d = try STL10.read(images: x, labels: nil, expectedCount: nil, name: "u")
        #expect(d.count == 3 && d.labels == [-1, -1, -1])
        #expect(d.classHistogram == [Int](repeating: 0, count: 10))
    }

    @Test func labelsOutsideOneToTenAreCorrupt() throws {
        let dir = try TempDir()
        let x = try writeOfficial(dir, "test_X.bin", rowMajor: testBytes(2 * STL10.imageBytes, seed: 8))
        let y = try dir.write("stl10_binary/test_y.bin", [0, 3])
        #expect(throws: DataError.self) { try STL10.read(images: x, labels: y, expectedCount: 2, name: "t") }
    }

    @Test func officialCountsAreEnforced() throws {
        let dir = try TempDir()
        _ = try writeOfficial(dir, "train_X.bin", rowMajor: testBytes(2 * STL10.imageBytes, seed: 8))
        try dir.write("stl10_binary/train_y.bin", [1, 2])
        let error = #expect(throws: DataError.self) { try STL10.load(.train, root: dir.url) }
        #expect(error?.description.contains("138240000 bytes (5000 images") == true)
    }

    @Test func missingDataNamesPathLayoutAndArchive() throws {
        let dir = try TempDir()
        let error = #expect(throws: DataError.self) { try STL10.load(.test, root: dir.url) }
        let text = error?.description ?? ""
        #expect(text.contains(dir.path("stl10_binary/test_X.bin")))
        #expect(text.contains("https://cs.stanford.edu/~acoates/stl10/"))
        #expect(text.contains("stl10_binary/{train_X,train_y,test_X,test_y,unlabeled_X}.bin"))
    }
}
