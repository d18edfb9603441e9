import Foundation
import NN
import Data

/// Random-encoder metrics (`<metric>.random`) shared by the trials of one process.
///
/// The methods of a paper usually start from the very same initialisation for a given seed (same backbone,
/// same projector, same RNG stream), so their random-encoder evaluations are identical, and each costs as much
/// as the trained encoder's. The key is the initial parameters and buffers themselves, with everything else the
/// evaluation reads (seed, data, augmentation, model and the evaluations), so two trials share an entry only when
/// the evaluation would compute the same numbers; a method whose initialisation differs gets its own.
public final class BaselineCache: @unchecked Sendable {
    /// The cache of this process (a run's local trials; each Slurm task is its own process).
    public static let shared = BaselineCache()

    private let lock = NSLock()
    private var entries: [String: [String: Double]] = [:]

    public init() {}

    /// The key of `config`'s random-encoder evaluations for the freshly initialised `store`.
    static func key(_ config: TrialConfig, store: ParameterStore) -> String {
        struct Context: Encodable {
            var seed: Int, data: DataSpec, augment: AugmentSpec, model: ModelSpec, evaluation: [EvaluationSpec]
            var baselineEvaluations: [String], engineVersion: Int
        }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        var sha = Checksum.Hasher(.sha256)
        sha.update(Array(try! e.encode(Context(seed: config.seed, data: config.data, augment: config.augment,
                                               model: config.model, evaluation: config.evaluation,
                                               baselineEvaluations: config.baselineEvaluations,
                                               engineVersion: config.engineVersion))))
        for array in [store.valueArray, store.bufferArray] {
            array.withUnsafeBytes { sha.update($0) }
        }
        return sha.finalize()
    }

    /// The cached metrics for `key`, or those `compute` returns (then cached).
    func metrics(for key: String, compute: () -> [String: Double]) -> [String: Double] {
        lock.lock()
        if let hit = entries[key] { lock.unlock(); return hit }
        lock.unlock()
        let fresh = compute()
        lock.lock(); entries[key] = fresh; lock.unlock()
        return fresh
    }

    /// Number of cached entries (tests).
    var count: Int { lock.lock(); defer { lock.unlock() }; return entries.count }
}
