import Testing
@testable import Data

@Suite struct CIFARBinaryTests {
    @Test func decodesRecordsOfOneLabelByte() throws {
        let pixels = testBytes(3 * 3072, seed: 4)
        let file = CIFARBinary.encode(pixels: pixels, labels: [[7], [0], [9]])
        #expect(file.count == 3 * 3073)
        #expect(file[0] == 7 && file[3073] == 0 && Array(file[1..<3073]) == Array(pixels[0..<3072]))
        let d = try CIFARBinary.decode(file, path: "b", labelBytes: 1, labelIndex: 0, classes: 10, expectedRecords: 3)
        #expect(d.labels == [7, 0, 9])
        #expect(d.pixels == pixels)
    }

    @Test func picksCoarseOrFineOfTwoLabelBytes() throws {
        let file = CIFARBinary.encode(pixels: testBytes(2 * 3072, seed: 5), labels: [[3, 42], [19, 99]])
        let fine = try CIFARBinary.decode(file, path: "b", labelBytes: 2, labelIndex: 1, classes: 100, expectedRecords: nil)
        let coarse = try CIFARBinary.decode(file, path: "b", labelBytes: 2, labelIndex: 0, classes: 20, expectedRecords: nil)
        #expect(fine.labels == [42, 99] && coarse.labels == [3, 19])
        #expect(fine.pixels == testBytes(2 * 3072, seed: 5))
    }

    @Test func wrongSizeOrLabelIsCorrupt() {
        let file = CIFARBinary.encode(pixels: testBytes(2 * 3072, seed: 5), labels: [[1], [2]])
        #expect(throws: DataError.corrupt(path: "b", expected: "30730 bytes (10 records of 3073)", found: "6146 bytes")) {
            _ = try CIFARBinary.decode(file, path: "b", labelBytes: 1, labelIndex: 0, classes: 10, expectedRecords: 10)
        }
        #expect(throws: DataError.self) {
            _ = try CIFARBinary.decode(Array(file.dropLast()), path: "b", labelBytes: 1, labelIndex: 0, classes: 10, expectedRecords: nil)
        }
        let badLabel = CIFARBinary.encode(pixels: testBytes(3072, seed: 5), labels: [[10]])
        #expect(throws: DataError.self) {
            _ = try CIFARBinary.decode(badLabel, path: "b", labelBytes: 1, labelIndex: 0, classes: 10, expectedRecords: nil)
        }
    }
}
