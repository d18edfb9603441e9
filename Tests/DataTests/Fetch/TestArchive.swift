import CArchive
import Foundation

/// Writes archives with libarchive, in the formats the publishers use (plain tar, gzipped tar, zip), including entries
/// no honest archive has (`../x`, absolute paths, escaping links) for the safety tests.
enum TestArchive {
    enum Format: Sendable { case tar, tarGz, zip }

    enum Entry: Sendable {
        case file(String, [UInt8])
        case folder(String)
        case symlink(String, target: String)
    }

    static func write(_ entries: [Entry], format: Format) throws -> Data {
        let a = archive_write_new()!
        defer { archive_write_free(a) }
        switch format {
        case .tar: archive_write_set_format_pax_restricted(a)
        case .tarGz: archive_write_set_format_pax_restricted(a); archive_write_add_filter_gzip(a)
        case .zip: archive_write_set_format_zip(a)
        }
        var used = 0
        let capacity = entries.reduce(1 << 20) { n, e in if case let .file(_, b) = e { return n + b.count + 4096 }; return n + 4096 }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        guard archive_write_open_memory(a, buffer, capacity, &used) == ARCHIVE_OK else { throw POSIXError(.EIO) }
        for e in entries {
            let entry = archive_entry_new()!
            defer { archive_entry_free(entry) }
            switch e {
            case let .file(path, bytes):
                archive_entry_set_pathname(entry, path)
                archive_entry_set_filetype(entry, 0o100000)
                archive_entry_set_perm(entry, 0o644)
                archive_entry_set_size(entry, la_int64_t(bytes.count))
                archive_write_header(a, entry)
                if !bytes.isEmpty { _ = bytes.withUnsafeBytes { archive_write_data(a, $0.baseAddress, bytes.count) } }
            case let .folder(path):
                archive_entry_set_pathname(entry, path)
                archive_entry_set_filetype(entry, 0o040000)
                archive_entry_set_perm(entry, 0o755)
                archive_write_header(a, entry)
            case let .symlink(path, target):
                archive_entry_set_pathname(entry, path)
                archive_entry_set_filetype(entry, 0o120000)
                archive_entry_set_symlink(entry, target)
                archive_entry_set_perm(entry, 0o777)
                archive_write_header(a, entry)
            }
        }
        guard archive_write_close(a) == ARCHIVE_OK else { throw POSIXError(.EIO) }
        return Data(bytes: buffer, count: used)
    }

    /// Every file and folder under `directory`, as entries named relative to it (sorted: folders before their files).
    static func entries(of directory: URL) throws -> [Entry] {
        let fm = FileManager.default
        let paths = (fm.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []).sorted()
        return try paths.map { rel in
            var isDir: ObjCBool = false
            let full = directory.appendingPathComponent(rel).path
            _ = fm.fileExists(atPath: full, isDirectory: &isDir)
            return isDir.boolValue ? .folder(rel) : .file(rel, [UInt8](try Data(contentsOf: URL(fileURLWithPath: full))))
        }
    }
}
