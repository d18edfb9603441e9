import Foundation
import Data

/// The three splits a trial reads: pretraining, probe training and test.
public struct TrialSplits: Sendable {
    public var train: ImageDataset
    public var evalTrain: ImageDataset
    public var test: ImageDataset
    public var classes: Int { test.classes }
}

/// A data error from the user's environment (missing or corrupt files): exit code 2.
extension DataError: UserInputError {}

/// Loads datasets from the data root once per process.
public final class DataCatalog: @unchecked Sendable {
    public let root: URL
    private var cache: [String: ImageDataset] = [:]
    private let lock = NSLock()

    /// `explicit` is `--data-root`; else `REPLICATE_DATA`; else `/usr/share/datasets`.
    public init(explicitRoot: String?) {
        root = DataRoot.resolve(explicit: explicitRoot)
    }

    public func splits(for spec: DataSpec) throws -> TrialSplits {
        TrialSplits(train: try load(spec.dataset, split: spec.trainSplit),
                    evalTrain: try load(spec.dataset, split: spec.evalTrainSplit),
                    test: try load(spec.dataset, split: spec.evalTestSplit))
    }

    public func load(_ dataset: String, split: String) throws -> ImageDataset {
        let key = "\(dataset)/\(split)"
        lock.lock(); defer { lock.unlock() }
        if let d = cache[key] { return d }
        let d: ImageDataset
        switch dataset {
        case "fashion-mnist":
            guard let s = FashionMNIST.Split(rawValue: split) else { throw DataUnavailable(dataset: dataset, reason: "no split '\(split)' (train, test)") }
            d = try FashionMNIST.load(s, root: root)
        default:
            throw DataUnavailable(dataset: dataset, reason: "no reader for this dataset yet")
        }
        cache[key] = d
        return d
    }
}

/// A dataset the recipe names but that cannot be read here.
public struct DataUnavailable: UserInputError {
    public var dataset: String
    public var reason: String
    public var description: String { "data set '\(dataset)': \(reason)" }
}
