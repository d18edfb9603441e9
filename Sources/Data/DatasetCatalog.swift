import Foundation

/// How to load a split beyond its name.
public struct LoadOptions: Sendable, Equatable {
    /// The stored side of data sets of JPEGs of any size (ImageNet, ImageNet-100); fixed-size data sets ignore it.
    public var imageSide: Int?
    public init(imageSide: Int? = nil) { self.imageSide = imageSide }
}

/// One data set the harness can name in a spec: where its files live under the data root, where to get them,
/// and how to load each split.
public struct DatasetEntry: Sendable {
    /// Spec name: `fashion-mnist`, `cifar10`, `cifar100`, `stl10`, `tiny-imagenet`, `imagenet100`, `imagenet`.
    public let name: String
    public let source: DataSource
    /// Files (or folders) relative to the data set's folder, with their exact size when the format fixes it.
    public let files: [(name: String, bytes: Int?)]
    /// Split names accepted by `load`.
    public let splits: [String]
    /// MD5s the publisher lists for individual files (file name → hex), and where they are listed.
    public let publishedMD5: [String: String]
    /// What published checksums exist for this data set and what they cover.
    public let checksumNote: String
    let directory: @Sendable (URL) -> URL
    let loader: @Sendable (String, URL, LoadOptions) throws -> ImageDataset

    /// The folder the files are expected in (or found in) under `root`.
    public func directory(root: URL) -> URL { directory(root) }

    /// Loads split `split` (one of `splits`).
    public func load(split: String, root: URL, options: LoadOptions = .init()) throws -> ImageDataset {
        guard splits.contains(split) else {
            throw DataError.unknownDataset(name: "\(name)/\(split)", known: splits.map { "\(name)/\($0)" })
        }
        return try loader(split, root, options)
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
        /// Hex MD5 of the file, computed only when the publisher lists one to compare with.
        public var md5: String? = nil
        /// The publisher's MD5 for this file, if it lists one.
        public var publishedMD5: String? = nil

        /// Whether the file's MD5 equals the published one (nil: nothing to compare).
        public var matchesPublished: Bool? {
            guard let md5, let publishedMD5 else { return nil }
            return md5 == publishedMD5
        }
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
    static let torchvision = "torchvision 0.14's dataset classes (Debian python3-torchvision)"

    public static let entries: [DatasetEntry] = [
        DatasetEntry(name: "fashion-mnist", source: FashionMNIST.source,
                     files: FashionMNIST.allFileNames.map { ($0, nil) },
                     splits: FashionMNIST.Split.allCases.map(\.rawValue),
                     publishedMD5: ["train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                                    "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
                                    "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
                                    "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310"],
                     checksumNote: "MD5 of each .gz file as listed by \(torchvision) and the Fashion-MNIST README; "
                         + "a repackaged copy (Debian's recompresses the gzip files) differs while its content may not: --deep reads it",
                     directory: { FashionMNIST.directory(root: $0) },
                     loader: { split, root, _ in try FashionMNIST.load(FashionMNIST.Split(rawValue: split)!, root: root) }),
        DatasetEntry(name: "cifar10", source: CIFAR10.source,
                     files: CIFAR10.expectedFiles.map { ($0.name, $0.bytes) },
                     splits: CIFAR10.Split.allCases.map(\.rawValue), publishedMD5: [:],
                     checksumNote: "only the archive has a published MD5 (cifar-10-binary.tar.gz c32a1d4ab5d03f1284b67883e8d87530, "
                         + "CIFAR page): the unpacked files are checked by exact size and --deep",
                     directory: { CIFAR10.directory(root: $0) },
                     loader: { split, root, _ in try CIFAR10.load(CIFAR10.Split(rawValue: split)!, root: root) }),
        DatasetEntry(name: "cifar100", source: CIFAR100.source,
                     files: CIFAR100.expectedFiles.map { ($0.name, $0.bytes) },
                     splits: CIFAR100.Split.allCases.map(\.rawValue), publishedMD5: [:],
                     checksumNote: "only the archive has a published MD5 (cifar-100-binary.tar.gz 03b5dce01913d631647c71ecec9e9cb8, "
                         + "CIFAR page): the unpacked files are checked by exact size and --deep",
                     directory: { CIFAR100.directory(root: $0) },
                     loader: { split, root, _ in try CIFAR100.load(CIFAR100.Split(rawValue: split)!, root: root) }),
        DatasetEntry(name: "stl10", source: STL10.source,
                     files: STL10.expectedFiles.map { ($0.name, $0.bytes) },
                     splits: STL10.Split.allCases.map(\.rawValue) + ["train+unlabeled"],
                     publishedMD5: ["train_X.bin": "918c2871b30a85fa023e0c44e0bee87f",
                                    "train_y.bin": "5a34089d4802c674881badbb80307741",
                                    "unlabeled_X.bin": "5242ba1fed5e4be9e1e742405eb56ca4",
                                    "test_X.bin": "7f263ba9f9e0b06b93213547f721ac82",
                                    "test_y.bin": "36f9794fa4beb8a2c72628de14fa638e"],
                     checksumNote: "MD5 of each unpacked file as listed by \(torchvision)",
                     directory: { STL10.directory(root: $0) },
                     loader: { split, root, _ in
                         split == "train+unlabeled" ? try STL10.loadTrainPlusUnlabeled(root: root)
                             : try STL10.load(STL10.Split(rawValue: split)!, root: root)
                     }),
        DatasetEntry(name: "tiny-imagenet", source: TinyImageNet.source,
                     files: [("wnids.txt", nil), (TinyImageNet.annotationsFile, nil), ("train", nil), ("val/images", nil),
                             ("test/images", nil)],
                     splits: TinyImageNet.Split.allCases.map(\.rawValue), publishedMD5: [:],
                     checksumNote: "only the archive has a published MD5 (tiny-imagenet-200.zip 90528d7ca1a48142e341f4ef8d21d0de, "
                         + "as torchvision-style loaders check it): the files are checked by counts, labels and sizes (--deep)",
                     directory: { TinyImageNet.directory(root: $0) },
                     loader: { split, root, _ in try TinyImageNet.load(TinyImageNet.Split(rawValue: split)!, root: root) }),
        DatasetEntry(name: "imagenet100", source: ImageNet.subsetSource,
                     files: ImageNet.Split.allCases.flatMap { s in
                         ((try? ImageNet.imageNet100Classes()) ?? []).map { ("\(s.rawValue)/\($0)", nil) }
                     },
                     splits: ImageNet.Split.allCases.map(\.rawValue), publishedMD5: [:],
                     checksumNote: "no published checksums for the unpacked ILSVRC-2012 files",
                     directory: { ImageNet.directory(root: $0, subset: true) },
                     loader: { split, root, o in
                         try ImageNet.load(ImageNet.Split(rawValue: split)!, root: root, subset: true,
                                           side: o.imageSide ?? ImageNet.defaultSide)
                     }),
        DatasetEntry(name: "imagenet", source: ImageNet.source,
                     files: [("train", nil), ("val", nil)],
                     splits: ImageNet.Split.allCases.map(\.rawValue), publishedMD5: [:],
                     checksumNote: "no published checksums for the unpacked ILSVRC-2012 files",
                     directory: { ImageNet.directory(root: $0, subset: false) },
                     loader: { split, root, o in
                         try ImageNet.load(ImageNet.Split(rawValue: split)!, root: root, subset: false,
                                           side: o.imageSide ?? ImageNet.defaultSide)
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
    public static func load(_ name: String, split: String, root: URL, options: LoadOptions = .init()) throws -> ImageDataset {
        try entry(named: name).load(split: split, root: root, options: options)
    }

    /// Whether every file is there with its exact size; `deep` also loads every split (checking magic numbers,
    /// counts and labels; decoding every JPEG); `checksums` adds each file's SHA-256 and, where the publisher
    /// lists one, its MD5 for comparison.
    public static func check(_ name: String, root: URL, deep: Bool = false, checksums: Bool = false) throws -> DatasetStatus {
        let e = try entry(named: name)
        let dir = e.directory(root: root)
        var files: [DatasetStatus.File] = []
        var state = DatasetStatus.State.present
        for (file, expected) in e.files {
            let path = dir.appendingPathComponent(file).path
            let size = BinaryFile.size(path)
            let isFile = size != nil && !TinyImageNet.isDirectory(URL(fileURLWithPath: path))
            let hash = (checksums && isFile) ? try? Checksum.sha256.hex(file: path) : nil
            var entry = DatasetStatus.File(path: path, bytes: isFile ? size : nil, sha256: hash)
            if checksums, isFile, let published = e.publishedMD5[file] {
                entry.publishedMD5 = published
                entry.md5 = try? Checksum.md5.hex(file: path)
            }
            files.append(entry)
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
