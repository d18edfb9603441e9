import Foundation

/// An advisory `flock` on a file, held for the duration of a closure; serialises a step across processes.
enum FileLock {
    static func withLock<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw DurableFileError(path: url.path, step: "open lock", errno: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw DurableFileError(path: url.path, step: "lock", errno: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
