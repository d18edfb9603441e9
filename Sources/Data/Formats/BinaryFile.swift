import Foundation

/// Plain-file helpers shared by the binary data set readers.
enum BinaryFile {
    /// The bytes of `path`, or `unreadable`.
    static func read(_ path: String) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
        } catch {
            throw DataError.unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// Size of `path` in bytes, or nil if absent.
    static func size(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    }

    /// `path` if it exists, else `missingFile` naming it (and the flat alternative under `root`).
    static func require(_ name: String, in dir: URL, root: URL, source: DataSource) throws -> String {
        let p = dir.appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: p) { return p }
        var looked = [p]
        let flat = root.appendingPathComponent(name).path
        if flat != p { looked.append(flat) }
        throw DataError.missingFile(looked: looked, source: source)
    }
}
