import Engine

/// The thread counts and conv path a trial's engine runs with. Part of the trial key: conv weight gradients are
/// summed one partial per worker, a threaded sgemm need not round as one thread does, and oneDNN's convolutions
/// round differently from im2col's, so these change the bits.
public struct EngineThreads: Codable, Sendable, Equatable {
    /// Threads of the engine's own loops (conv batch shares, batch norm, elementwise).
    public var workers: Int
    /// Threads of a large GEMM.
    public var blasThreads: Int

    /// How convolutions run (`ConvPath` raw value); nil is im2col, so configs written before it was recorded, and
    /// im2col runs, keep their keys. oneDNN rounds differently from im2col, so the path is part of the key.
    public var convPath: String?
    /// How the L-BFGS probe's products run (`ConvPath` raw value; nil is OpenBLAS, the reference). A run takes the
    /// conv path for them too; trials on oneDNN or measured conv paths recorded before the products had a path
    /// evaluated on OpenBLAS, and this field keeps their keys apart from later ones.
    public var productPath: String?
    /// `blocked` when encoder activations stay in oneDNN's channel-blocked layout between convs
    /// (`EngineContext.blockedLayout`); nil is CNHW throughout, the default, so trials recorded before the
    /// field keep their keys. Nil on im2col, where nothing blocks.
    public var activationLayout: String?

    /// The values `activationLayout` takes besides nil.
    public static let blockedLayout = "blocked"

    public init(workers: Int, blasThreads: Int, convPath: ConvPath = .im2col, blockedLayout: Bool = false) {
        self.workers = max(1, workers); self.blasThreads = max(1, blasThreads)
        self.convPath = convPath == .im2col ? nil : convPath.rawValue
        self.productPath = self.convPath
        self.activationLayout = self.convPath != nil && blockedLayout ? Self.blockedLayout : nil
    }

    /// What this process may use: the affinity mask, cgroup quota, `SLURM_CPUS_PER_TASK`, `OPENBLAS_NUM_THREADS`.
    public static func host(_ resources: HostResources = .current(), convPath: ConvPath = .im2col) -> EngineThreads {
        EngineThreads(workers: resources.workers, blasThreads: resources.workers, convPath: convPath)
    }

    /// The conv path (im2col when none is recorded; an unknown name, from a hand-edited config, is refused by
    /// `TrialPlan`).
    public var conv: ConvPath? { convPath.map { ConvPath(rawValue: $0) } ?? .im2col }

    /// The products' path (OpenBLAS, named `.im2col` as the reference path, when none is recorded).
    public var products: ConvPath? { productPath.map { ConvPath(rawValue: $0) } ?? .im2col }

    /// The engine context a trial with these settings runs in; `.measured` keeps its decisions in this host's
    /// `ConvPathCache` file, so every later trial on the host takes the same path per geometry.
    public func context(profile: OpProfile? = nil) -> EngineContext {
        let path = conv ?? .im2col, productPath = products ?? .im2col
        return EngineContext(workers: workers, blasThreads: blasThreads, profile: profile, convPath: path, productPath: productPath,
                             convCache: path == .measured || productPath == .measured ? ConvPathCache(url: ConvPathCache.defaultURL()) : nil,
                             blockedLayout: activationLayout == Self.blockedLayout)
    }
}
