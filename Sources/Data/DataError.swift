import Foundation

/// Where a data set comes from, quoted in every error about it so the user knows what to install.
public struct DataSource: Sendable, Equatable {
    /// Human name, e.g. "Fashion-MNIST".
    public var name: String
    /// The files relative to the data root, e.g. `fashion-mnist/train-images-idx3-ubyte.gz, …`.
    public var layout: String
    /// The Debian package that installs it, if one exists.
    public var debianPackage: String?
    /// The official archive or project page.
    public var archive: String
    /// The `replicate data fetch …` command that gets the data set, when the caller knows it (set by the harness,
    /// which knows the data root the user chose).
    public var fetchCommand: String?
    /// The name `replicate data fetch` and `replicate data check` know it by (e.g. `cifar10`).
    public var catalogName: String?

    public init(name: String, layout: String, debianPackage: String? = nil, archive: String, catalogName: String? = nil) {
        self.name = name; self.layout = layout; self.debianPackage = debianPackage; self.archive = archive
        self.catalogName = catalogName
    }

    /// How to get the data, for the line that says it is missing: the Debian package (or another data root), else
    /// the harness's exact `replicate data fetch` command, else the generic one, else the archive.
    public var howToGet: String {
        if let debianPackage {
            return "install it with `apt-get install \(debianPackage)` (Debian's package) or give --data-root a folder holding \(layout.prefix { $0 != "/" })/"
        }
        if let fetchCommand { return "official archive \(archive); get it with `\(fetchCommand)`" }
        if let catalogName { return "get it with `replicate data fetch \(catalogName)` (or from \(archive))" }
        return "get it from \(archive)"
    }
}

/// Bad or missing data. Every case names the file; `description` is one line for the CLI (exit code 2).
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A required file is absent. `looked` lists every path tried, the first being the canonical one.
    case missingFile(looked: [String], source: DataSource)
    /// A file exists but its content is wrong: `what` was expected, `found` was seen.
    case corrupt(path: String, expected: String, found: String)
    /// A file exists but could not be opened or read.
    case unreadable(path: String, reason: String)
    /// A data set or split name nobody knows.
    case unknownDataset(name: String, known: [String])
    /// A parameter (augmentation, subset size…) outside its valid range.
    case invalidParameter(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .missingFile(looked, source):
            let also = looked.dropFirst().isEmpty ? "" : " (also looked at \(looked.dropFirst().joined(separator: ", ")))"
            return "\(source.name): missing file \(looked.first ?? "?")\(also); expected layout <data-root>/\(source.layout); "
                + source.howToGet
        case let .corrupt(path, expected, found):
            return "corrupt data file \(path): expected \(expected), found \(found)"
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason)"
        case let .unknownDataset(name, known):
            return "unknown data set '\(name)'; known: \(known.joined(separator: ", "))"
        case let .invalidParameter(name, value, expected):
            return "invalid \(name) \(value): expected \(expected)"
        }
    }
}

extension DataError {
    /// A file of the data set is absent (as opposed to present but corrupt or unreadable): a run reports its
    /// claims as `not run` rather than stopping.
    public var isMissingData: Bool {
        if case .missingFile = self { return true }
        return false
    }
}

extension DataError: LocalizedError {
    public var errorDescription: String? { description }
}
