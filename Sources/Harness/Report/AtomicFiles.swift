import Foundation

/// File-system steps that never leave a half-written file or folder behind.
enum AtomicFiles {
    /// A random suffix for temporary names.
    static func token() -> String { String(UInt64.random(in: 0...UInt64.max), radix: 36) }

    /// Writes `data` to a temporary file beside `url`, then renames it over `url` (atomic on one file system).
    static func write(_ data: Data, to url: URL) throws {
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(token())")
        do {
            try data.write(to: tmp)
            if rename(tmp.path, url.path) != 0 {
                throw ReportError.io(path: url.path, reason: "cannot move the finished file into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            if error is ReportError { throw error }
            throw ReportError.io(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Builds a folder with `fill` in `<dir>.partial-<random>` and renames it to `directory` only when `fill`
    /// returns. An existing `directory` is moved aside first and removed after the swap (restored if the swap
    /// fails), so readers see the old report or the new one, never a mixture.
    static func replaceDirectory(_ directory: URL, fill: (URL) throws -> Void) throws {
        let fm = FileManager.default
        let parent = directory.deletingLastPathComponent()
        let name = directory.lastPathComponent
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw ReportError.io(path: parent.path, reason: "cannot create the reports folder: \(error.localizedDescription)")
        }
        let partial = parent.appendingPathComponent("\(name).partial-\(token())")
        do { try fm.createDirectory(at: partial, withIntermediateDirectories: false) } catch {
            throw ReportError.io(path: partial.path, reason: "cannot create a temporary report folder: \(error.localizedDescription)")
        }
        var published = false
        defer { if !published { try? fm.removeItem(at: partial) } }
        try fill(partial)

        var old: URL? = nil
        if fm.fileExists(atPath: directory.path) {
            let aside = parent.appendingPathComponent("\(name).old-\(token())")
            guard rename(directory.path, aside.path) == 0 else {
                throw ReportError.io(path: directory.path, reason: "cannot move the previous report aside: \(String(cString: strerror(errno)))")
            }
            old = aside
        }
        guard rename(partial.path, directory.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let old { _ = rename(old.path, directory.path) }
            throw ReportError.io(path: directory.path, reason: "cannot move the finished report into place: \(reason)")
        }
        published = true
        if let old { try? fm.removeItem(at: old) }
    }

    /// True for the temporary names `replaceDirectory` and `write` use (index builders skip them).
    static func isTemporary(_ name: String) -> Bool {
        name.contains(".partial-") || name.contains(".old-") || name.contains(".tmp-")
    }
}
