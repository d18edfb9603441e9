import Foundation
import Data

/// The three splits a trial reads: pretraining, probe training and test.
public struct TrialSplits: Sendable {
    public var train: ImageDataset
    public var evalTrain: ImageDataset
    public var test: ImageDataset
    public var classes: Int { test.classes }
}

/// A data error from the user's environment (missing or corrupt files): exit code 2 where it stops a command;
/// a run turns missing data into `not run` claims instead (see `PaperRun`).
extension DataError: UserInputError {}

/// Loads datasets from the data root once per process, through Data's readers (`DatasetCatalog`).
public final class DataCatalog: @unchecked Sendable {
    public let root: URL
    /// Where `root` came from when the user chose it (`--data-root` or `$REPLICATE_DATA`); nil for the default.
    public let rootOrigin: String?
    private var cache: [String: ImageDataset] = [:]
    private let lock = NSLock()

    /// `explicit` is `--data-root`; else `REPLICATE_DATA`; else `/usr/share/datasets`.
    public init(explicitRoot: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        root = DataRoot.resolve(explicit: explicitRoot, environment: environment)
        if let e = explicitRoot, !e.isEmpty {
            rootOrigin = "--data-root"
        } else if let v = environment[DataRoot.environmentVariable], !v.isEmpty {
            rootOrigin = "$\(DataRoot.environmentVariable)"
        } else {
            rootOrigin = nil
        }
    }

    /// A root the user named must be a folder (a typo there is bad input, exit 2, not "data missing");
    /// the default root may be absent.
    public func checkRoot() throws {
        guard let rootOrigin else { return }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            throw DataRootInvalid(origin: rootOrigin, path: root.path)
        }
    }

    /// Pretraining, probe-training and test splits; `data.imbalance`, then `data.train_subset`, apply to the
    /// pretraining split only. The subset is the same for every seed (seed 0), so seeds differ only in training.
    public func splits(for spec: DataSpec) throws -> TrialSplits {
        var train = try load(spec.dataset, split: spec.trainSplit, imageSize: spec.imageSize)
        if let profile = try Self.imbalanceProfile(spec.imbalance) {
            let key = "\(spec.dataset)/\(spec.trainSplit)@\(spec.imageSize)/\(profile.rawValue)"
            train = cached(key) { ClassImbalance.apply(to: train, profile: profile) }
        }
        if let n = spec.trainSubset {
            guard n <= train.count else {
                throw DataUnavailable(dataset: spec.dataset, reason: "data.train_subset \(n) is larger than the \(train.count) images of split '\(spec.trainSplit)'")
            }
            let source = train
            train = try cached("\(spec.dataset)/\(spec.trainSplit)@\(spec.imageSize)/\(spec.imbalance)/subset-\(n)") {
                try Splits.random(source, count: n, seed: 0)
            }
        }
        return TrialSplits(train: train,
                           evalTrain: try load(spec.dataset, split: spec.evalTrainSplit, imageSize: spec.imageSize),
                           test: try load(spec.dataset, split: spec.evalTestSplit, imageSize: spec.imageSize))
    }

    /// One split, read once per process. `imageSize` is the stored side of JPEG class-folder sets (ImageNet).
    public func load(_ dataset: String, split: String, imageSize: Int? = nil) throws -> ImageDataset {
        guard let entry = try? DatasetCatalog.entry(named: dataset) else {
            throw DataUnavailable(dataset: dataset, reason: "no reader for this dataset (have: \(DatasetCatalog.names.joined(separator: ", ")))")
        }
        guard entry.splits.contains(split) else {
            throw DataUnavailable(dataset: dataset, reason: "no split '\(split)' (\(entry.splits.joined(separator: ", ")))")
        }
        let key = "\(dataset)/\(split)@\(imageSize ?? 0)"
        lock.lock(); defer { lock.unlock() }
        if let d = cache[key] { return d }
        let d: ImageDataset
        do {
            d = try entry.load(split: split, root: root, options: LoadOptions(imageSide: imageSize))
        } catch DataError.missingFile(let looked, var source) {
            source.fetchCommand = DataFetch.command(for: dataset, catalog: self)
            throw DataError.missingFile(looked: looked, source: source)
        }
        cache[key] = d
        return d
    }

    private func cached(_ key: String, _ make: () throws -> ImageDataset) rethrows -> ImageDataset {
        lock.lock(); defer { lock.unlock() }
        if let d = cache[key] { return d }
        let d = try make()
        cache[key] = d
        return d
    }

    /// The spec's `data.imbalance` name as Data's profile (nil for `none`).
    static func imbalanceProfile(_ name: String) throws -> ClassImbalance.Profile? {
        switch name {
        case "none": return nil
        case "cacr-cifar10": return .cacrLinear
        case "cacr-cifar100": return .cacrExponentialGroups
        default: throw DataUnavailable(dataset: name, reason: "unknown imbalance profile (none, cacr-cifar10, cacr-cifar100)")
        }
    }
}

/// A dataset the recipe names but that cannot be read here.
public struct DataUnavailable: UserInputError {
    public var dataset: String
    public var reason: String
    public var description: String { "data set '\(dataset)': \(reason)" }
}

/// `--data-root` (or `$REPLICATE_DATA`) names something that is not a folder.
public struct DataRootInvalid: UserInputError {
    public var origin: String
    public var path: String
    public var description: String { "\(origin) \(path): not a folder (give the folder holding the data sets, e.g. /usr/share/datasets)" }
}
