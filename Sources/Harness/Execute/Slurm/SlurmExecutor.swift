import Foundation

/// Runs a run's trials as a Slurm job array, one task per trial, each task `replicate trial <config>.json`
/// writing its `TrialResult` into the run folder on shared storage.
///
/// Either submits a new run (`target: .submit`) and, unless detached, waits for it; or attaches to a run
/// submitted earlier (`.collect`, for `replicate collect`) and waits for what is still out. A trial whose task
/// ended without a result comes back with `error` set: the time limit or a node failure (after
/// `policy.maxRequeues` requeues), cancellation, out of memory, a non-zero exit, or an exit 0 without a result.
public struct SlurmExecutor: Executor {
    public enum Target: Sendable {
        case submit(SlurmSubmission)
        case collect(SlurmRunDirectory)
    }

    public var target: Target
    public var policy: SlurmPolicy
    /// Raised by Ctrl-C: the driver cancels the run's jobs and throws `SlurmInterrupted`.
    public var interrupt: InterruptFlag?
    public var client = SlurmClient()

    public init(target: Target, policy: SlurmPolicy = SlurmPolicy(), interrupt: InterruptFlag? = nil) {
        self.target = target; self.policy = policy; self.interrupt = interrupt
    }

    public func run(_ configs: [TrialConfig], log: ProgressLog, completed: (Int, TrialResult) throws -> Void) throws -> [TrialResult] {
        // Every trial reused from the store: nothing to submit or wait for.
        if configs.isEmpty { return [] }
        switch target {
        case .submit(let s):
            let run = try SlurmRun.submit(configs, s, client: client)
            if s.detach {
                throw SlurmDetached(runId: run.manifest.runId, directory: run.directory.url, jobs: run.manifest.arrays,
                                    trials: configs.count)
            }
            return try run.wait(configs, policy: policy, log: log, interrupt: interrupt, finished: completed)
        case .collect(let dir):
            let run = try SlurmRun.open(dir, client: client)
            // The caller rebuilt the configs from the spec (less those the store already holds): map them onto
            // the submitted tasks by hash; a task no longer asked for is still waited on, from its own config file.
            let index = Dictionary(run.manifest.tasks.enumerated().map { ($1.configHash, $0) }, uniquingKeysWith: { a, _ in a })
            let order = try configs.map { c in
                guard let i = index[c.hash] else { throw SlurmRunMismatch(runId: run.manifest.runId, trial: "\(c.method.id) seed \(c.seed)") }
                return i
            }
            var submitted = [TrialConfig?](repeating: nil, count: run.manifest.tasks.count)
            for (c, i) in zip(configs, order) { submitted[i] = c }
            let all = try submitted.enumerated().map { i, c in try c ?? TrialConfig.load(from: dir.config(i)) }
            let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let results = try run.wait(all, policy: policy, log: log, interrupt: interrupt) { i, r in
                if let p = position[i] { try completed(p, r) }
            }
            return order.map { results[$0] }
        }
    }

    /// The manifest of a run folder (what `replicate collect` reads first).
    public static func manifest(of dir: SlurmRunDirectory) throws -> SlurmRunManifest { try SlurmRunManifest.load(from: dir) }
}
