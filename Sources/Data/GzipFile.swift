import CZlib
import Foundation

/// Reads and writes gzip files through zlib's `gz*` API. The only file in the package that imports CZlib.
///
/// zlib passes uncompressed files through unchanged, so `read` also accepts plain files.
public enum GzipFile {
    /// The whole decompressed content of `path`.
    ///
    /// A truncated stream is an error here: zlib's `gzread` reports it as end of file with a pending
    /// `Z_BUF_ERROR`, which a plain read loop would take for a short file.
    public static func read(path: String) throws -> [UInt8] {
        guard let file = gzopen(path, "rb") else {
            throw DataError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { gzclose(file) }
        gzbuffer(file, 1 << 17)
        let chunkSize = 1 << 20
        var out: [UInt8] = []
        if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int {
            out.reserveCapacity(size * 5)  // IDX images compress about 5:1
        }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let n = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32(chunkSize)) }
            if n < 0 { throw corrupt(file, path: path, decoded: out.count) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<Int(n)])
        }
        var code: Int32 = 0
        _ = gzerror(file, &code)
        if code != Z_OK { throw corrupt(file, path: path, decoded: out.count) }
        return out
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
