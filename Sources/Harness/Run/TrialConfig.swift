import Foundation
import Data

/// Everything that determines one trial's result: the recipe of its scale narrowed to one method and seed.
/// Its hash keys caching, resuming and Slurm dispatch, so it holds values, not references.
public struct TrialConfig: Codable, Sendable, Equatable {
    /// Bumped when the engine's numerics change, so cached trials from an older engine are not reused.
    public static let engineVersion = 2  // 2: Adam in PyTorch's arithmetic order; large GEMMs on every core again (ulp-level)

    public var engineVersion: Int = TrialConfig.engineVersion
    public var paper: String
    public var scale: Scale
    public var method: MethodSpec
    public var seed: Int
    public var data: DataSpec
    public var augment: AugmentSpec
    public var model: ModelSpec
    /// The recipe's optimizer; a method's own settings apply on top (`trainingOptimizer`).
    public var optimizer: OptimizerSpec
    public var schedule: ScheduleSpec
    public var epochs: Int
    public var steps: Int?
    public var batchSize: Int
    public var evaluation: [EvaluationSpec]
    /// Evaluations also run on the encoder at initialisation (`<metric>.random`): those an above-random
    /// claim reads. Probes of a random encoder cost as much as the trained one's, so only when asked.
    public var baselineEvaluations: [String]
    /// The engine's thread counts (the result's bits depend on them); nil: this host's, for configs written
    /// before they were recorded (absent from the canonical JSON, so those keys are unchanged).
    public var threads: EngineThreads?

    public init(recipe: Recipe, method: MethodSpec, seed: Int, threads: EngineThreads? = nil) {
        self.threads = threads
        paper = recipe.id; scale = recipe.scale; self.method = method; self.seed = seed
        data = recipe.data; augment = recipe.augment; model = recipe.model; optimizer = recipe.optimizer
        schedule = recipe.schedule; epochs = recipe.epochs; steps = recipe.steps; batchSize = recipe.batchSize
        evaluation = recipe.evaluation
        baselineEvaluations = recipe.evaluation.map(\.id).filter { id in
            recipe.claims.contains { $0.kind == .sanity && $0.check == "above-random" && $0.metric.hasPrefix(id + ".") }
        }
    }

    /// Canonical JSON (sorted keys) of the whole config, as trial config files hold it.
    public var canonicalJSON: Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return try! e.encode(self)
    }

    /// Spec keys that only label reports (a method's `label`, an evaluation's `note`): they stay in the config
    /// file and the reports but not in the trial key, so fixing a label reuses the trials already run.
    public static let presentationKeys = ["methods[].label", "evaluation[].note"]

    /// The config with its presentation text cleared: what the key is computed from.
    public var keyed: TrialConfig {
        var c = self
        c.method.label = ""
        for i in c.evaluation.indices { c.evaluation[i].note = nil }
        return c
    }

    /// SHA-256 of the canonical JSON of `keyed`, hex: the trial key.
    public var hash: String { Checksum.sha256.hex(keyed.canonicalJSON) }
}

extension TrialConfig {
    /// The optimizer this trial pretrains with: the recipe's, with the method's own settings (`optimizer:` or an
    /// `optimizer.` sweep) in place. Kept apart so the config holds each setting once.
    public var trainingOptimizer: OptimizerSpec { method.optimizer?.applied(to: optimizer) ?? optimizer }
}
