import CArchive
import Foundation

/// Unpacks tar (any compression) and zip archives with libarchive (Debian's libarchive-dev), checking every
/// entry before it is written: a path that is absolute or climbs out with `..`, a link whose target leaves the
/// destination, or a device or pipe stops the unpacking. The destination is a staging folder the caller
/// renames into place, so a stopped unpacking leaves nothing where the readers look.
enum ArchiveExtractor {
    /// Unpacks `archive` into the folder `destination` (created if needed). `name` is the archive in messages
    /// (its file name unless given); `only`, given an entry's path, says whether to write it (every entry is
    /// checked either way; it may throw to stop the unpacking at an entry that should not be there).
    static func extract(_ archive: URL, into destination: URL, name: String? = nil,
                        only: ((String) throws -> Bool)? = nil) throws {
        let name = name ?? archive.lastPathComponent
        guard let reader = archive_read_new() else { throw FetchError.badArchive(archive: name, reason: "libarchive: out of memory") }
        defer { archive_read_free(reader) }
        archive_read_support_filter_all(reader)
        archive_read_support_format_all(reader)
        guard archive_read_open_filename(reader, archive.path, 1 << 20) == ARCHIVE_OK else {
            throw FetchError.badArchive(archive: name, reason: message(reader))
        }
        guard let writer = archive_write_disk_new() else { throw FetchError.badArchive(archive: name, reason: "libarchive: out of memory") }
        defer { archive_write_free(writer) }
        // libarchive's own guards as a second line behind the checks below; no owners or modes from the archive.
        archive_write_disk_set_options(writer, ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NODOTDOT)
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)

        var entry: OpaquePointer?
        while true {
            let status = archive_read_next_header(reader, &entry)
            if status == ARCHIVE_EOF { break }
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
                throw FetchError.badArchive(archive: name, reason: message(reader))
            }
            let path = archive_entry_pathname(entry).map { String(cString: $0) } ?? ""
            let relative = try safeRelative(path, archive: name)
            if relative.isEmpty { continue }  // "./" itself
            switch archive_entry_filetype(entry) {
            case 0o100000, 0o040000: break  // regular file, folder
            case 0o120000:
                let target = archive_entry_symlink(entry).map { String(cString: $0) } ?? ""
                guard !target.hasPrefix("/"), Self.stays(inside: relative.split(separator: "/").dropLast().map(String.init),
                                                         target: target) else {
                    throw FetchError.unsafeEntry(archive: name, entry: "\(path) -> \(target)")
                }
            default:
                throw FetchError.unsafeEntry(archive: name, entry: path)
            }
            if let only, try !only(relative) {
                guard archive_read_data_skip(reader) >= ARCHIVE_WARN else {
                    throw FetchError.badArchive(archive: name, reason: "\(path): \(message(reader))")
                }
                continue
            }
            if let link = archive_entry_hardlink(entry).map({ String(cString: $0) }) {
                let linked = try safeRelative(link, archive: name)
                archive_entry_set_hardlink(entry, destination.appendingPathComponent(linked).path)
            }
            archive_entry_set_pathname(entry, destination.appendingPathComponent(relative).path)
            guard archive_write_header(writer, entry) >= ARCHIVE_WARN else {
                throw FetchError.badArchive(archive: name, reason: "\(path): \(message(writer))")
            }
            try copyData(reader, writer, archive: name, entry: path)
            guard archive_write_finish_entry(writer) >= ARCHIVE_WARN else {
                throw FetchError.badArchive(archive: name, reason: "\(path): \(message(writer))")
            }
        }
    }

    /// `path` without a leading `./`, refused when absolute or holding a `..` component.
    static func safeRelative(_ path: String, archive: String) throws -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !path.hasPrefix("/"), !parts.contains("..") else { throw FetchError.unsafeEntry(archive: archive, entry: path) }
        return parts.joined(separator: "/")
    }

    /// Whether a link in folder `base` (components under the destination) pointing at relative `target` stays under it.
    static func stays(inside base: [String], target: String) -> Bool {
        var depth = base.count
        for part in target.split(separator: "/") where part != "." {
            depth += part == ".." ? -1 : 1
            if depth < 0 { return false }
        }
        return true
    }

    private static func copyData(_ reader: OpaquePointer, _ writer: OpaquePointer, archive: String, entry: String) throws {
        var block: UnsafeRawPointer?
        var size = 0
        var offset: la_int64_t = 0
        while true {
            let status = archive_read_data_block(reader, &block, &size, &offset)
            if status == ARCHIVE_EOF { return }
            guard status >= ARCHIVE_WARN else { throw FetchError.badArchive(archive: archive, reason: "\(entry): \(message(reader))") }
            guard archive_write_data_block(writer, block, size, offset) >= 0 else {
                throw FetchError.badArchive(archive: archive, reason: "\(entry): \(message(writer))")
            }
        }
    }

    private static func message(_ a: OpaquePointer) -> String {
        archive_error_string(a).map { String(cString: $0) } ?? "libarchive error \(archive_errno(a))"
    }
}
