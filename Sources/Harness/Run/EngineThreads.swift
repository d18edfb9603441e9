import Engine

/// The thread counts a trial's engine runs with. Part of the trial key: conv weight gradients are summed one
/// partial per worker and a threaded sgemm need not round as one thread does, so these change the bits.
public struct EngineThreads: Codable, Sendable, Equatable {
    /// Threads of the engine's own loops (conv batch shares, batch norm, elementwise).
    public var workers: Int
    /// Threads of a large GEMM.
    public var blasThreads: Int

    public init(workers: Int, blasThreads: Int) {
        self.workers = max(1, workers); self.blasThreads = max(1, blasThreads)
    }

    /// What this process may use: the affinity mask, cgroup quota, `SLURM_CPUS_PER_TASK`, `OPENBLAS_NUM_THREADS`.
    public static func host(_ resources: HostResources = .current()) -> EngineThreads {
        EngineThreads(workers: resources.workers, blasThreads: resources.workers)
    }

    /// The engine context a trial with these counts runs in.
    public func context(profile: OpProfile? = nil) -> EngineContext {
        EngineContext(workers: workers, blasThreads: blasThreads, profile: profile)
    }
}
