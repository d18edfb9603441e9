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
/// core and the ISA, and on the conv path (oneDNN rounds differently from im2col): `determinism` names them.
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
    /// Which implementation runs the convolutions, with its oneDNN primitives and path decisions.
    public let conv: ConvBackend
    /// Which implementation runs the full-batch linear products (the L-BFGS probe's), on the same path as `conv`.
    public let matmul: MatmulBackend
    /// Whether encoder activations stay in oneDNN's channel-blocked layout between its convs (through batch
    /// norm and pooling), reordered only at the chain's edges; else every oneDNN conv reorders to CNHW and back.
    /// Only oneDNN convs block, so it changes nothing on im2col; on oneDNN it changes the bits (batch norm sums
    /// in another order), so trials record it (`EngineThreads.activationLayout`).
    ///
    /// Off unless asked: measured on W1-W3 (Zen 5, 2 cores) it saved the conv reorders (W1 9.6 → 2.3 ms, W2
    /// 205 → 78 ms) but batch norm lost as much, since its two passes over a 16-channel block no longer fit in
    /// cache as one CNHW channel's do, so the steps took the same time (`replicate bench --blocked-layout`).
    public let blockedLayout: Bool

    /// A context with explicit counts (tests, benches, a trial config's recorded counts). Convolutions take
    /// `convPath` (im2col unless asked: the other paths change a result's bits); `.measured` keeps its
    /// decisions in `convCache`.
    /// The probe's linear products take `productPath`, by default the conv path.
    public convenience init(workers: Int, blasThreads: Int? = nil, convScratchBytes: Int = 4 << 20, profile: OpProfile? = nil,
                            resources: HostResources? = nil, convPath: ConvPath = .im2col, productPath: ConvPath? = nil,
                            convCache: ConvPathCache? = nil, blockedLayout: Bool = false) {
        self.init(workers: workers, blasThreads: blasThreads, convScratchBytes: convScratchBytes, profile: profile,
                  resources: resources, conv: ConvBackend(path: convPath, threads: workers, cache: convCache),
                  matmul: MatmulBackend(path: productPath ?? convPath, threads: workers, cache: convCache),
                  blockedLayout: blockedLayout)
    }

    private init(workers: Int, blasThreads: Int?, convScratchBytes: Int, profile: OpProfile?, resources: HostResources?,
                 conv: ConvBackend, matmul: MatmulBackend, blockedLayout: Bool) {
        self.blockedLayout = blockedLayout
        self.workers = Workers(workers)
        self.blas = BLAS(threads: blasThreads ?? workers)
        self.convScratchBytes = max(1, convScratchBytes)
        self.profile = profile
        self.resources = resources
        self.conv = conv
        self.matmul = matmul
    }

    /// A context sized by this process's CPU limits and thread requests.
    public static func host(_ resources: HostResources = .current(), profile: OpProfile? = nil) -> EngineContext {
        EngineContext(workers: resources.workers, profile: profile, resources: resources)
    }

    /// One worker, one BLAS thread: the default of a `Tape` made without a context. Results are the same
    /// on every host with the same BLAS core, and nothing runs on another thread.
    public static let serial = EngineContext(workers: 1)

    /// The same counts with `profile` timing the ops. Shares this context's conv backend, so its primitives
    /// and path decisions are made once, not per profiled step.
    public func profiled(_ profile: OpProfile) -> EngineContext {
        EngineContext(workers: workers.count, blasThreads: blas.threads, convScratchBytes: convScratchBytes,
                      profile: profile, resources: resources, conv: conv, matmul: matmul, blockedLayout: blockedLayout)
    }

    /// How a conv call splits its batch.
    public var convSplit: ConvKernel.Split { ConvKernel.Split(workers: workers.count, scratchBytes: convScratchBytes) }

    /// Runs `body`, timing it as `kind` when profiling.
    @inline(__always)
    public func measure<T>(_ kind: OpProfile.Kind, flops: Double = 0, _ body: () -> T) -> T {
        guard let profile else { return body() }
        return profile.measure(kind, flops: flops, body)
    }

    /// What a result's bits depend on besides the inputs, for the report: `workers 2, BLAS threads 2, conv im2col`.
    public var determinism: String {
        "workers \(workers.count), BLAS threads \(blas.threads), \(conv.determinism)"
            + (conv.path != .im2col && blockedLayout ? "; activations channel-blocked between oneDNN convs" : "")
            + (matmul.path == .im2col ? "" : "; \(matmul.determinism)")
    }
}
