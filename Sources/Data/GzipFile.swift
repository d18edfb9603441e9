import CZlib
import Foundation

/// Reads and writes gzip files through zlib's `gz*` API (ZlibBuffer inflates in-memory zlib streams).
///
/// zlib passes uncompressed files through unchanged, so `read` also accepts plain files.
public enum GzipFile {
    /// The whole decompressed content of `path`.
    ///
    /// A truncated stream is an error here: zlib's `gzread` reports it as end of file with a pending
    /// `Z_BUF_ERROR`, which a plain read loop would take for a short file. A stream that inflates past `limit`
    /// bytes is an error too (a few kilobytes of gzip can claim gigabytes: a reader that knows the size it
    /// expects passes it, so a hostile file costs at most that much memory).
    public static func read(path: String, limit: Int = Int.max) throws -> [UInt8] {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw DataError.unreadable(path: path, reason: "a folder, not a file")
        }
        guard let file = gzopen(path, "rb") else {
            throw DataError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { gzclose(file) }
        gzbuffer(file, 1 << 17)
        // Read straight into one growing buffer: appending chunks through Array's generic paths is
        // element-by-element in unoptimised builds (seconds for the 47 MB training images).
        var capacity = min(initialCapacity(path), max(1 << 16, limit &+ 1))
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var used = 0
        while true {
            if used == capacity {
                let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                bigger.copyMemory(from: buffer, byteCount: used)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let n = gzread(file, buffer + used, UInt32(min(capacity - used, 1 << 30)))
            if n < 0 { throw corrupt(file, path: path, decoded: used) }
            if n == 0 { break }
            used += Int(n)
            if used > limit {
                throw DataError.corrupt(path: path, expected: "at most \(limit) bytes once decompressed",
                                        found: "more (stopped reading after \(used))")
            }
        }
        var code: Int32 = 0
        _ = gzerror(file, &code)
        if code != Z_OK { throw corrupt(file, path: path, decoded: used) }
        let filled = buffer
        return [UInt8](unsafeUninitializedCapacity: used) { out, count in
            if used > 0 { out.baseAddress!.initialize(from: filled.assumingMemoryBound(to: UInt8.self), count: used) }
            count = used
        }
    }

    /// The gzip trailer's ISIZE (uncompressed size mod 2³²) plus one, so a single-member file fits without
    /// growing and the final read sees end of file; plain files get their own size plus one.
    private static func initialCapacity(_ path: String) -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 1 << 20 }
        defer { try? handle.close() }
        // A device or special file can report any size: past 4 GiB it is no data set file, so start small.
        guard let size = try? handle.seekToEnd(), size >= 4, size < 1 << 32 else { return 1 << 16 }
        try? handle.seek(toOffset: 0)
        let magic = (try? handle.read(upToCount: 2)) ?? Data()
        guard magic == Data([0x1F, 0x8B]) else { return Int(size) + 1 }
        try? handle.seek(toOffset: size - 4)
        guard let t = try? handle.read(upToCount: 4), t.count == 4 else { return 1 << 20 }
        let isize = Int(t[t.startIndex]) | Int(t[t.startIndex + 1]) << 8 | Int(t[t.startIndex + 2]) << 16 | Int(t[t.startIndex + 3]) << 24
        return max(1 << 16, isize + 1)
    }

    /// Writes `bytes` gzip-compressed to `path` (tests use it to build files in the official formats).
    public static func write(_ bytes: [UInt8], to path: String, level: Int = 6) throws {
        guard let file = gzopen(path, "wb\(max(0, min(9, level)))") else {
            throw DataError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var offset = 0
        while offset < bytes.count {
            let n = min(1 << 20, bytes.count - offset)
            let written = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress! + offset, UInt32(n)) }
            if written <= 0 {
                gzclose(file)
                throw DataError.unreadable(path: path, reason: "gzwrite failed after \(offset) bytes")
            }
            offset += Int(written)
        }
        if gzclose(file) != Z_OK { throw DataError.unreadable(path: path, reason: "gzclose failed") }
    }

    private static func corrupt(_ file: gzFile, path: String, decoded: Int) -> DataError {
        var code: Int32 = 0
        let message = gzerror(file, &code).map { String(cString: $0) } ?? "zlib error \(code)"
        return .corrupt(path: path, expected: "a complete gzip stream",
                        found: "zlib error '\(message)' after \(decoded) decompressed bytes")
    }
}
