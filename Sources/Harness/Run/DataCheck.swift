import Foundation
import Data

/// `replicate data check`: every known data set under the data root as present / absent / corrupt, with its
/// files and, on request, their SHA-256 and the comparison with the MD5s their publishers list.
public enum DataCheck {
    /// Every data set name, in catalog order.
    public static var allNames: [String] { DatasetCatalog.names }

    public struct Result {
        public var statuses: [DatasetStatus]
        /// The table as printed.
        public var text: String
        public var corrupt: [String] { statuses.filter { if case .corrupt = $0.state { true } else { false } }.map(\.name) }
    }

    /// Checks `names` (every data set by default) under `catalog.root`. `deep` decodes every split (minutes for
    /// the JPEG sets); `checksums` hashes every file (STL-10's unlabeled split is 2.8 GB).
    public static func run(catalog: DataCatalog, names: [String] = DatasetCatalog.names, deep: Bool,
                           checksums: Bool) throws -> Result {
        try catalog.checkRoot()
        var lines = ["data root: \(catalog.root.path) (\(catalog.rootOrigin ?? "default"))"]
        var statuses: [DatasetStatus] = []
        let width = (names.map(\.count).max() ?? 8) + 2
        for name in names {
            let status = try DatasetCatalog.check(name, root: catalog.root, deep: deep, checksums: checksums)
            statuses.append(status)
            let pad = { (s: String, n: Int) in s.padding(toLength: max(n, s.count + 1), withPad: " ", startingAt: 0) }
            switch status.state {
            case .present: lines.append(pad(name, width) + pad("present", 9) + status.directory.path + (deep ? " (every split read)" : ""))
            case .absent(let e): lines.append(pad(name, width) + pad("absent", 9) + e.description)
            case .corrupt(let e): lines.append(pad(name, width) + pad("corrupt", 9) + e.description)
            }
            guard checksums, status.files.contains(where: { $0.bytes != nil }) else { continue }
            for f in status.files where f.bytes != nil {
                var line = "    \(URL(fileURLWithPath: f.path).lastPathComponent)  \(f.bytes!) bytes  sha256 \(f.sha256 ?? "?")"
                if let md5 = f.md5, let published = f.publishedMD5 {
                    line += md5 == published ? "  md5 \(md5) = published" : "  md5 \(md5) ≠ published \(published)"
                }
                lines.append(line)
            }
            if let entry = try? DatasetCatalog.entry(named: name) { lines.append("    published checksums: \(entry.checksumNote)") }
        }
        return Result(statuses: statuses, text: lines.joined(separator: "\n"))
    }
}

/// Data sets found corrupt by `replicate data check` (exit code 2).
public struct DataCheckFailed: UserInputError {
    public init(names: [String]) { self.names = names }
    public var names: [String]
    public var description: String { "corrupt data: \(names.joined(separator: ", ")) (see the table above)" }
}
