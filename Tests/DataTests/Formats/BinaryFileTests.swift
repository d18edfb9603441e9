import Foundation
import Testing
@testable import Data

@Suite struct BinaryFileTests {
    @Test func readsSizesAndRequires() throws {
        let dir = try TempDir()
        let p = try dir.write("a/b.bin", [1, 2, 3])
        #expect(try BinaryFile.read(p) == [1, 2, 3])
        #expect(BinaryFile.size(p) == 3)
        #expect(BinaryFile.size(dir.path("nope")) == nil)
        #expect(try BinaryFile.require("b.bin", in: dir.url.appendingPathComponent("a"), root: dir.url, source: CIFAR10.source) == p)
        #expect(throws: DataError.missingFile(looked: [dir.path("a/c.bin"), dir.path("c.bin")], source: CIFAR10.source)) {
            try BinaryFile.require("c.bin", in: dir.url.appendingPathComponent("a"), root: dir.url, source: CIFAR10.source)
        }
        #expect(throws: DataError.self) { try BinaryFile.read(dir.path("nope")) }
    }
}
