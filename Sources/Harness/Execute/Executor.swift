/// Runs a run's trials somewhere: in this process, or as a Slurm job array.
///
/// An executor returns one `TrialResult` per config, in order; a trial that crashed comes back with
/// `error` set rather than throwing, so one bad trial cannot lose the others' results. It calls
/// `completed(index, result)` as each trial finishes (before clearing the trial's checkpoint), so a
/// `CachedExecutor` around it stores finished trials even when the run is killed later.
public protocol Executor {
    func run(_ configs: [TrialConfig], log: ProgressLog, completed: (Int, TrialResult) throws -> Void) throws -> [TrialResult]
}

extension Executor {
    public func run(_ configs: [TrialConfig], log: ProgressLog) throws -> [TrialResult] {
        try run(configs, log: log) { _, _ in }
    }
}

/// Runs trials one after another in this process (the engine already uses both cores per trial).
public struct LocalExecutor: Executor {
    public let data: DataCatalog
    /// Where trials save their state every N steps and whether they resume; nil: no checkpoints.
    public var checkpoints: CheckpointPolicy?

    public init(data: DataCatalog, checkpoints: CheckpointPolicy? = nil) { self.data = data; self.checkpoints = checkpoints }

    public func run(_ configs: [TrialConfig], log: ProgressLog, completed: (Int, TrialResult) throws -> Void) throws -> [TrialResult] {
        var results: [TrialResult] = []
        for (i, config) in configs.enumerated() {
            let label = "\(config.paper) \(config.method.id) seed \(config.seed) [\(i + 1)/\(configs.count)]"
            log.begin(label, configHash: config.hash)
            var runner = TrialRunner(data: data, checkpoints: checkpoints) { log.step(label, $0) }
            runner.note = { log.line("  \(label): \($0)") }
            let result = try runner.run(config)
            log.end(label, result)
            try completed(i, result)
            checkpoints?.clear(configHash: result.configHash)
            results.append(result)
        }
        return results
    }
}
