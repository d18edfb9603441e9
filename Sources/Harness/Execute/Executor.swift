/// Runs a run's trials somewhere: in this process, or as a Slurm job array.
///
/// An executor returns one `TrialResult` per config, in order; a trial that crashed comes back with
/// `error` set rather than throwing, so one bad trial cannot lose the others' results.
public protocol Executor {
    func run(_ configs: [TrialConfig], log: ProgressLog) throws -> [TrialResult]
}

/// Runs trials one after another in this process (the engine already uses both cores per trial).
public struct LocalExecutor: Executor {
    public let data: DataCatalog

    public init(data: DataCatalog) { self.data = data }

    public func run(_ configs: [TrialConfig], log: ProgressLog) throws -> [TrialResult] {
        var results: [TrialResult] = []
        for (i, config) in configs.enumerated() {
            let label = "\(config.paper) \(config.method.id) seed \(config.seed) [\(i + 1)/\(configs.count)]"
            log.begin(label)
            let result = try TrialRunner(data: data) { log.step(label, $0) }.run(config)
            log.end(label, result)
            results.append(result)
        }
        return results
    }
}
