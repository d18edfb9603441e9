import Foundation

/// One data set the harness can name in a spec: where its files live under the data root, where to get them,
/// and how to load each split.
public struct DatasetEntry: Sendable {
    /// Spec name: `fashion-mnist`, `cifar10`, `cifar100`, `stl10`.
    public let name: String
    public let source: DataSource
    /// Files relative to the data set's folder, with their exact size when the format fixes it.
    public let files: [(name: String, bytes: Int?)]
    /// Split names accepted by `load`.
    public let splits: [String]
    let directory: @Sendable (URL) -> URL
    let loader: @Sendable (String, URL) throws -> ImageDataset

    /// The folder the files are expected in (or found in) under `root`.
    public func directory(root: URL) -> URL { directory(root) }

    /// Loads split `split` (one of `splits`).
    public func load(split: String, root: URL) throws -> ImageDataset {
        guard splits.contains(split) else {
            throw DataError.unknownDataset(name: "\(name)/\(split)", known: splits.map { "\(name)/\($0)" })
        }
        return try loader(split, root)
    }
}

/// Presence of a data set under a root, for `replicate data check` and the report's environment section.
public struct DatasetStatus: Sendable {
    public enum State: Sendable, Equatable {
        case present
        case absent(DataError)
        case corrupt(DataError)
    }

    public struct File: Sendable, Equatable {
        public let path: String
        /// Size on disk, nil if absent.
        public let bytes: Int?
        /// Hex SHA-256, when checksums were requested and the file exists.
        public let sha256: String?
    }

    public let name: String
    public let directory: URL
    public let state: State
    public let files: [File]

    /// One line: `cifar10: present (/data/cifar-10-batches-bin)` or the error.
    public var summary: String {
        switch state {
        case .present: return "\(name): present (\(directory.path))"
        case let .absent(e): return "\(name): absent — \(e.description)"
        case let .corrupt(e): return "\(name): corrupt — \(e.description)"
        }
    }
}

/// The data sets `replicate` knows, by spec name.
public enum DatasetCatalog {
    public static let entries: [DatasetEntry] = [
        DatasetEntry(name: "fashion-mnist", source: FashionMNIST.source,
                     files: FashionMNIST.allFileNames.map { ($0, nil) },
                     splits: FashionMNIST.Split.allCases.map(\.rawValue),
                     directory: { FashionMNIST.directory(root: $0) },
                     loader: { try FashionMNIST.load(FashionMNIST.Split(rawValue: $0)!, root: $1) }),
        DatasetEntry(name: "cifar10", source: CIFAR10.source,
                     files: CIFAR10.expectedFiles.map { ($0.name, $0.bytes) },
                     splits: CIFAR10.Split.allCases.map(\.rawValue),
                     directory: { CIFAR10.directory(root: $0) },
                     loader: { try CIFAR10.load(CIFAR10.Split(rawValue: $0)!, root: $1) }),
        DatasetEntry(name: "cifar100", source: CIFAR100.source,
                     files: CIFAR100.expectedFiles.map { ($0.name, $0.bytes) },
                     splits: CIFAR100.Split.allCases.map(\.rawValue),
                     directory: { CIFAR100.directory(root: $0) },
                     loader: { try CIFAR100.load(CIFAR100.Split(rawValue: $0)!, root: $1) }),
        DatasetEntry(name: "stl10", source: STL10.source,
                     files: STL10.expectedFiles.map { ($0.name, $0.bytes) },
                     splits: STL10.Split.allCases.map(\.rawValue) + ["train+unlabeled"],
                     directory: { STL10.directory(root: $0) },
                     loader: { split, root in
                         split == "train+unlabeled" ? try STL10.loadTrainPlusUnlabeled(root: root)
                             : try STL10.load(STL10.Split(rawValue: split)!, root: root)
                     }),
    ]

    public static var names: [String] { entries.map(\.name) }

    public static func entry(named name: String) throws -> DatasetEntry {
        guard let e = entries.first(where: { $0.name == name }) else {
            throw DataError.unknownDataset(name: name, known: names)
        }
        return e
    }

    /// Loads `name` split `split` (e.g. `cifar10`, `train`) from under `root`.
    public static func load(_ name: String, split: String, root: URL) throws -> ImageDataset {
        try entry(named: name).load(split: split, root: root)
    }

    /// Whether every file is there with its exact size; `deep` also loads every split (checking magic numbers,
    /// counts and labels); `checksums` adds each file's SHA-256.
    public static func check(_ name: String, root: URL, deep: Bool = false, checksums: Bool = false) throws -> DatasetStatus {
        let e = try entry(named: name)
        let dir = e.directory(root: root)
        var files: [DatasetStatus.File] = []
        var state = DatasetStatus.State.present
        for (file, expected) in e.files {
            let path = dir.appendingPathComponent(file).path
            let size = BinaryFile.size(path)
            let hash = (checksums && size != nil) ? try? SHA256.hex(file: path) : nil
            files.append(.init(path: path, bytes: size, sha256: hash))
            guard state == .present else { continue }
            if size == nil {
                state = .absent(.missingFile(looked: [path], source: e.source))
            } else if let expected, size != expected {
                state = .corrupt(.corrupt(path: path, expected: "\(expected) bytes", found: "\(size!) bytes"))
            }
        }
        if deep, state == .present {
            for split in e.splits where split != "train+unlabeled" {
                do { _ = try e.load(split: split, root: root) } catch let error as DataError {
                    state = .corrupt(error); break
                }
            }
        }
        return DatasetStatus(name: name, directory: dir, state: state, files: files)
    }
}
