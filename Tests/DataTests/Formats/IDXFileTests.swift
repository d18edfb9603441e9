import Testing
@testable import Data

@Suite struct IDXFileTests {
    @Test func encodesTheOfficialHeader() throws {
        let bytes = IDXFile.encode(dimensions: [2, 3, 4], payload: [UInt8](repeating: 7, count: 24))
        #expect(Array(bytes.prefix(16)) == [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4])
        let idx = try IDXFile(bytes: bytes, path: "x", expectedMagic: IDXFile.imageMagic)
        #expect(idx.dimensions == [2, 3, 4])
        #expect(Array(idx.payload) == [UInt8](repeating: 7, count: 24))
    }

    @Test(arguments: [0, 3, 10, 30])
    func shortFilesAreCorrupt(keep: Int) {
        let bytes = IDXFile.encode(dimensions: [2, 3, 4], payload: [UInt8](repeating: 7, count: 24))
        #expect(throws: DataError.self) {
            _ = try IDXFile(bytes: Array(bytes.prefix(keep)), path: "x", expectedMagic: IDXFile.imageMagic)
        }
    }

    @Test func trailingBytesAreCorrupt() {
        let bytes = IDXFile.encode(dimensions: [3], payload: [1, 2, 3]) + [4]
        #expect(throws: DataError.corrupt(path: "l", expected: "3 data bytes for dimensions 3", found: "4")) {
            _ = try IDXFile(bytes: bytes, path: "l", expectedMagic: IDXFile.labelMagic)
        }
    }
}
