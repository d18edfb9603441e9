import Foundation

/// Writes that survive a crash or `SIGKILL` at any instant: the old file or the new one, never a torn one.
enum DurableFile {
    /// Writes `data` to a temporary file beside `url`, flushes it to disk, renames it over `url` and flushes
    /// the folder, so the rename itself is durable.
    static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UInt64.random(in: 0...UInt64.max))")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw DurableFileError(path: tmp.path, step: "create", errno: errno) }
        var ok = false
        defer { if !ok { unlink(tmp.path) } }
        let written = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        guard written else { let e = errno; close(fd); throw DurableFileError(path: tmp.path, step: "write", errno: e) }
        guard fsync(fd) == 0 else { let e = errno; close(fd); throw DurableFileError(path: tmp.path, step: "fsync", errno: e) }
        close(fd)
        guard rename(tmp.path, url.path) == 0 else { throw DurableFileError(path: url.path, step: "rename", errno: errno) }
        ok = true
        let dfd = open(dir.path, O_RDONLY)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }
}

/// A durable write that failed, with the system's reason.
struct DurableFileError: Error, CustomStringConvertible {
    var path: String
    var step: String
    var errno: Int32
    var description: String { "\(path): \(step) failed: \(String(cString: strerror(errno)))" }
}
