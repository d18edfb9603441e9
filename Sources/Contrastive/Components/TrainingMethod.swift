import Engine
import NN
import Data

/// What a training method is given once, before the first step.
public struct TrainingContext {
    public var network: ContrastiveNetwork
    /// The store the optimiser trains (the query encoder).
    public var store: ParameterStore
    /// Images in the training set (a memory bank keeps one row per image, keyed by `Batch.indices`).
    public var datasetCount: Int
    public var stepsPerEpoch: Int
    /// The run's seed: negative draws and shuffle-BN permutations are pure functions of `(seed, step)`.
    public var seed: UInt64

    public init(network: ContrastiveNetwork, store: ParameterStore, datasetCount: Int, stepsPerEpoch: Int, seed: UInt64) {
        self.network = network; self.store = store; self.datasetCount = datasetCount
        self.stepsPerEpoch = stepsPerEpoch; self.seed = seed
    }
}

/// How one pretraining step turns a batch into a loss, and what it keeps between steps.
///
/// The plain method (`BatchLossMethod`) embeds every view and calls a `ContrastiveLoss`; MoCo adds a momentum
/// encoder and a queue (`MoCoMethod`), instance discrimination a memory bank (`MemoryBankMethod`). The trainer
/// calls `attach` once, then per step `loss` → backward → optimiser step → `afterStep`.
public protocol TrainingMethod: AnyObject {
    /// The objective, as registered.
    var loss: any ContrastiveLoss { get }
    /// Augmented views per image the batches must carry.
    var viewCount: Int { get }
    /// Called once before training (MoCo copies the query store into its key encoder here).
    func attach(_ context: TrainingContext)
    /// The step's loss on `batch`, recorded on `tape` (training mode); the query path runs on the trained store.
    func loss(_ batch: Batch, step: Int, tape: Tape) -> Tensor
    /// After the optimiser step of `step`: EMA of the key encoder, enqueue keys, write bank rows.
    func afterStep(_ batch: Batch, step: Int)
    /// Everything kept across steps, as flat arrays (checkpoints save it); empty when the method keeps nothing.
    var state: [String: [Float]] { get }
    /// Restores what `state` returned (after `attach`).
    func restore(_ state: [String: [Float]]) throws
}

/// A saved method state that does not fit the method it is restored into.
public struct MethodStateError: Error, CustomStringConvertible {
    public var key: String
    public var expected: Int
    public var found: Int?
    public var description: String {
        found.map { "method state '\(key)': expected \(expected) values, found \($0)" } ?? "method state '\(key)' is missing"
    }
}

extension [String: [Float]] {
    /// The array under `key`, checked to hold `count` values.
    func values(_ key: String, count: Int) throws -> [Float] {
        guard let v = self[key] else { throw MethodStateError(key: key, expected: count, found: nil) }
        guard v.count == count else { throw MethodStateError(key: key, expected: count, found: v.count) }
        return v
    }
}
