import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why `replicate data fetch` stopped. Every case is one line for the CLI (exit code 2) naming the file, the
/// location and what to do; nothing half-written is left where the readers look.
public enum FetchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The host did not answer (no network, refused, unknown name, timed out).
    case unreachable(url: String, reason: String)
    /// The server answered with an HTTP error.
    case http(url: String, status: Int)
    /// The connection closed before the whole file arrived; `part` keeps what did.
    case cutOff(url: String, part: String, received: Int64, expected: Int64?)
    /// The file's MD5 is not the published one; `keptAt` is where it was set aside (nil: a `--from` file,
    /// left where it is).
    case checksumMismatch(file: String, expected: String, found: String, keptAt: String?, url: String?)
    /// Not enough free space for the download and its unpacked copy.
    case diskFull(path: String, needed: Int64, available: Int64)
    /// The data root (or a folder under it) cannot be written.
    case notWritable(path: String, reason: String)
    /// An archive entry would land outside its folder (`..`, an absolute path, a link escaping it).
    case unsafeEntry(archive: String, entry: String)
    /// The archive cannot be read, or does not hold the folder the readers expect.
    case badArchive(archive: String, reason: String)
    /// `--from DIR` lacks an archive.
    case missingArchive(path: String, dataset: String)
    /// A data set whose archives need a login, asked for without `--from`.
    case loginRequired(dataset: String, note: String, files: [String])

    public var description: String {
        switch self {
        case let .unreachable(url, reason):
            return "cannot download \(url): \(reason); check the network, or fetch from a mirror with --mirror URL "
                + "(or $\(DatasetFetcher.mirrorVariable)), or pass archives downloaded elsewhere with --from DIR"
        case let .http(url, status):
            return "cannot download \(url): HTTP \(status) \(HTTPURLResponse.localizedString(forStatusCode: status)); "
                + "check the URL (a mirror must hold each archive under its official file name)"
        case let .cutOff(url, part, received, expected):
            return "download of \(url) cut off after \(received)\(expected.map { " of \($0)" } ?? "") bytes; kept in \(part): "
                + "run the same command again to resume"
        case let .checksumMismatch(file, expected, found, keptAt, url):
            let origin = url.map { " (from \($0))" } ?? ""
            let kept = keptAt.map { "; kept aside as \($0): delete it and run again, or check the source" }
                ?? ": replace it with the official archive"
            return "checksum mismatch for \(file)\(origin): expected md5 \(expected), found \(found)\(kept)"
        case let .diskFull(path, needed, available):
            return "not enough space under \(path): needs \(needed) bytes (archive and unpacked copy), \(available) free; "
                + "free space or choose another --data-root"
        case let .notWritable(path, reason):
            return "cannot write to \(path): \(reason); choose a writable --data-root (or $\(DataRoot.environmentVariable))"
        case let .unsafeEntry(archive, entry):
            return "archive \(archive) holds '\(entry)', which would be written outside its folder; nothing was unpacked"
        case let .badArchive(archive, reason):
            return "cannot unpack \(archive): \(reason); nothing was unpacked"
        case let .missingArchive(path, dataset):
            return "\(dataset): --from has no \(path) (give the folder holding the official archives under their official names)"
        case let .loginRequired(dataset, note, files):
            return "\(dataset): \(note); download \(files.joined(separator: ", ")) there, then run "
                + "`replicate data fetch \(dataset) --from DIR` with DIR the folder holding them"
        }
    }
}

extension FetchError: LocalizedError {
    public var errorDescription: String? { description }
}
