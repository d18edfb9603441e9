/// Wraps any executor with the history store: a trial whose (config hash, engine version) already finished
/// without error is reused instead of trained (unless `force`), and every trial of the run is recorded
/// under `runId` as soon as it is known. Local and Slurm execution share this one cache.
public struct CachedExecutor: Executor {
    public let inner: any Executor
    public let store: HistoryStore
    public let runId: String
    /// Train every trial even when a cached result exists (`--force`).
    public var force: Bool

    public init(_ inner: any Executor, store: HistoryStore, runId: String, force: Bool = false) {
        self.inner = inner; self.store = store; self.runId = runId; self.force = force
    }

    public func run(_ configs: [TrialConfig], log: ProgressLog, completed: (Int, TrialResult) throws -> Void) throws -> [TrialResult] {
        var results = [TrialResult?](repeating: nil, count: configs.count)
        var missing: [Int] = []
        for (i, c) in configs.enumerated() {
            if !force, let cached = try store.cachedTrial(configHash: c.hash, engineVersion: c.engineVersion) {
                log.reused("\(c.paper) \(c.method.id) seed \(c.seed)", configHash: c.hash)
                try store.saveTrial(cached, config: c, runId: runId, position: i, reused: true)
                try completed(i, cached)
                results[i] = cached
            } else {
                missing.append(i)
            }
        }
        let fresh = try inner.run(missing.map { configs[$0] }, log: log) { j, r in
            try store.saveTrial(r, config: configs[missing[j]], runId: runId, position: missing[j])
            try completed(missing[j], r)
        }
        for (j, r) in fresh.enumerated() { results[missing[j]] = r }
        return results.map { $0! }
    }
}
