import Foundation
import Testing
@testable import Data

@Suite struct GzipFileTests {
    @Test(arguments: [0, 1, 100_000, 3_000_000])
    func roundTrips(size: Int) throws {
        let dir = try TempDir()
        let bytes = testBytes(size, seed: UInt64(size))
        try GzipFile.write(bytes, to: dir.path("a.gz"))
        #expect(try GzipFile.read(path: dir.path("a.gz")) == bytes)
    }

    /// A gzip bomb stops at the limit the reader gives; a folder is refused, not read (it trapped on its size).
    @Test func inflationStopsAtTheLimitAndFoldersAreRefused() throws {
        let dir = try TempDir()
        try GzipFile.write([UInt8](repeating: 0, count: 1 << 20), to: dir.path("bomb.gz"))
        #expect(try GzipFile.read(path: dir.path("bomb.gz"), limit: 1 << 20).count == 1 << 20)
        let bomb = #expect(throws: DataError.self) { try GzipFile.read(path: dir.path("bomb.gz"), limit: 1000) }
        #expect(bomb?.description.contains("at most 1000 bytes once decompressed") == true)
        try FileManager.default.createDirectory(atPath: dir.path("folder.gz"), withIntermediateDirectories: true)
        let folder = #expect(throws: DataError.self) { try GzipFile.read(path: dir.path("folder.gz")) }
        #expect(folder?.description.contains("a folder, not a file") == true)
    }

    @Test func compressesForReal() throws {
        let dir = try TempDir()
        try GzipFile.write([UInt8](repeating: 0, count: 1 << 20), to: dir.path("z.gz"))
        let stored = try Data(contentsOf: URL(fileURLWithPath: dir.path("z.gz")))
        #expect(stored.count < 10_000)
        #expect(stored.prefix(2) == Data([0x1F, 0x8B]))  // gzip magic
    }

    @Test func plainFilesPassThrough() throws {
        let dir = try TempDir()
        let bytes = testBytes(5000, seed: 9)
        let path = try dir.write("plain.bin", bytes)
        #expect(try GzipFile.read(path: path) == bytes)
    }

    @Test func truncatedStreamIsCorrupt() throws {
        let dir = try TempDir()
        try GzipFile.write(testBytes(200_000, seed: 2), to: dir.path("t.gz"))
        let whole = try Data(contentsOf: URL(fileURLWithPath: dir.path("t.gz")))
        try whole.dropLast(9).write(to: URL(fileURLWithPath: dir.path("t.gz")))  // cut into the trailer
        #expect(throws: DataError.self) { try GzipFile.read(path: dir.path("t.gz")) }
    }

    @Test func damagedStreamIsCorrupt() throws {
        let dir = try TempDir()
        try GzipFile.write(testBytes(200_000, seed: 2), to: dir.path("d.gz"))
        var whole = try Data(contentsOf: URL(fileURLWithPath: dir.path("d.gz")))
        for i in stride(from: 100, to: 2000, by: 7) { whole[i] ^= 0x5A }
        try whole.write(to: URL(fileURLWithPath: dir.path("d.gz")))
        #expect(throws: DataError.self) { try GzipFile.read(path: dir.path("d.gz")) }
    }

    @Test func missingFileIsUnreadable() {
        #expect(throws: DataError.self) { try GzipFile.read(path: "/nonexistent/x.gz") }
    }
}
