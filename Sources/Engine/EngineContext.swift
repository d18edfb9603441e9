/// Everything the engine's kernels take from the host: worker threads, BLAS threads, conv scratch, the
/// profiler. Created once per trial (or bench, or test) and carried by every `Tape` made for it, so a host
/// fact or spec key reaches its kernel in a few hops: `HostResources` → `EngineContext` → `Tape` → kernel.
///
/// Nothing here is process-wide: two contexts with different worker counts can train side by side (tests
/// do). OpenBLAS's own thread count is process-wide in the library; `BLAS` sets it per call from the
/// context, so only the speed of a concurrent GEMM, never another context's worker split, can change.
///
/// The bits of a result depend on `workers` (conv weight gradients are summed one partial per worker, in
/// worker order) and `blasThreads` (a threaded sgemm need not round as one thread does), besides the BLAS
/// core and the ISA: `determinism` names them.
public final class EngineContext: Sendable {
    /// Threads the engine's own loops split over.
    public let workers: Workers
    /// The BLAS at this context's thread count.
    public let blas: BLAS
    /// Upper bound on one worker's im2col column matrix (4 MiB measured best for W1 among 1, 4 and 16).
    public let convScratchBytes: Int
    /// Where ops add their time, when profiling.
    public let profile: OpProfile?
    /// The host limits the worker count came from (nil when given explicitly).
    public let resources: HostResources?

    /// A context with explicit counts (tests, benches, a trial config's recorded counts).
    public init(workers: Int, blasThreads: Int? = nil, convScratchBytes: Int = 4 << 20, profile: OpProfile? = nil,
                resources: HostResources? = nil) {
        self.workers = Workers(workers)
        self.blas = BLAS(threads: blasThreads ?? workers)
        self.convScratchBytes = max(1, convScratchBytes)
        self.profile = profile
        self.resources = resources
    }

    /// A context sized by this process's CPU limits and thread requests.
    public static func host(_ resources: HostResources = .current(), profile: OpProfile? = nil) -> EngineContext {
        EngineContext(workers: resources.workers, profile: profile, resources: resources)
    }

    /// One worker, one BLAS thread: the default of a `Tape` made without a context. Results are the same
    /// on every host with the same BLAS core, and nothing runs on another thread.
    public static let serial = EngineContext(workers: 1)

    /// The same counts with `profile` timing the ops.
    public func profiled(_ profile: OpProfile) -> EngineContext {
        EngineContext(workers: workers.count, blasThreads: blas.threads, convScratchBytes: convScratchBytes,
                      profile: profile, resources: resources)
    }

    /// How a conv call splits its batch.
    public var convSplit: ConvKernel.Split { ConvKernel.Split(workers: workers.count, scratchBytes: convScratchBytes) }

    /// Runs `body`, timing it as `kind` when profiling.
    @inline(__always)
    public func measure<T>(_ kind: OpProfile.Kind, flops: Double = 0, _ body: () -> T) -> T {
        guard let profile else { return body() }
        return profile.measure(kind, flops: flops, body)
    }

    /// What a result's bits depend on besides the inputs, for the report: `workers 2, BLAS threads 2`.
    public var determinism: String { "workers \(workers.count), BLAS threads \(blas.threads)" }
}
