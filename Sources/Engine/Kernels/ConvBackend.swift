import Foundation

/// Routes an `EngineContext`'s convolutions to im2col or oneDNN, and owns the oneDNN engine, the primitives
/// (one `DNNLConvSet` per geometry, made at its first use) and their scratch (one per worker, shared by geometries).
///
/// One per context (shared by its `profiled` copies), so the primitives and path choices live as long as the
/// trial or bench that made the context and nothing is process-wide. oneDNN calls run one at a time per
/// backend (they share the scratch slots and the primitives' memory objects).
public final class ConvBackend: @unchecked Sendable {
    /// The path asked for.
    public let path: ConvPath
    /// Where `.measured` keeps its decisions (nil: timed anew by every backend, so not reproducible).
    public let cache: ConvPathCache?
    /// Workers the batch of a oneDNN conv is split over (one OpenMP thread each: see `DNNLConvSet`).
    public let threads: Int

    private let lock = NSRecursiveLock()
    private var dnnl: DNNLEngine?
    private var triedEngine = false
    private var scratch: [DNNLScratch] = []
    private var convs: [ConvGeometry: DNNLConvSet] = [:]
    private var failures: [ConvGeometry: String] = [:]
    private var chosen: [ConvGeometry: ConvPath] = [:]
    private var reasons: [ConvGeometry: String] = [:]
    private lazy var host = CPUFeatures.current()

    public init(path: ConvPath, threads: Int, cache: ConvPathCache? = nil) {
        self.path = path; self.threads = max(1, threads); self.cache = cache
    }

    /// The linked oneDNN's version, e.g. `2.6.3`.
    public static var oneDNNVersion: String { DNNLEngine.version }

    /// The version and, when the environment caps it, oneDNN's ISA ceiling: `oneDNN 2.6.3 (max ISA AVX2)`.
    public static var oneDNNIdentity: String { DNNLEngine.identity() }

    /// The oneDNN primitives that run geometry `g`, or nil for im2col. The first call for a geometry decides
    /// (under `.measured`, by timing both paths on `x` and `w` unless the cache file already has the decision).
    func route(_ g: ConvGeometry, x: UnsafePointer<Float>, w: UnsafePointer<Float>, split: ConvKernel.Split) -> DNNLConvSet? {
        lock.lock(); defer { lock.unlock() }
        if let c = chosen[g] { return c == .onednn ? convs[g] : nil }
        if path == .im2col { chosen[g] = .im2col; return nil }
        guard let conv = primitives(g) else { chosen[g] = .im2col; return nil }
        var decision = ConvPath.onednn
        if path == .measured {
            (decision, reasons[g]) = ConvPathCache.decide(cache, key: cacheKey(g), reference: "im2col", suffix: " per fwd+bwd") {
                let timed = Self.faster(g, conv, x: x, w: w, split: split)
                return (timed.im2col, timed.onednn)
            }
        }
        chosen[g] = decision
        return decision == .onednn ? conv : nil
    }

    /// Runs a oneDNN call of this backend's primitives alone (they share scratch and memory objects).
    func exclusive<T>(_ body: () -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body()
    }

    private func primitives(_ g: ConvGeometry) -> DNNLConvSet? {
        if let c = convs[g] { return c }
        if failures[g] != nil { return nil }
        if !triedEngine { triedEngine = true; dnnl = DNNLEngine() }
        guard let dnnl else { failures[g] = "no oneDNN CPU engine"; return nil }
        do {
            let c = try DNNLConvSet(g, workers: threads, dnnl: dnnl) { p in
                while scratch.count <= p { scratch.append(DNNLScratch()) }
                return scratch[p]
            }
            convs[g] = c
            return c
        } catch {
            failures[g] = "\(error)"
            return nil
        }
    }

    /// What the path decision of `g` depends on: the host, the library, the thread count and the geometry.
    public func cacheKey(_ g: ConvGeometry) -> String {
        lock.lock(); defer { lock.unlock() }
        return "\(host.model) | \(host.isa) | \(DNNLEngine.identity()) | threads \(threads) | " + Self.label(g)
    }

    /// `3x3 s1 p1, 64->128, 512x32x32`.
    public static func label(_ g: ConvGeometry) -> String {
        "\(g.kernel)x\(g.kernel) s\(g.stride) p\(g.padding), \(g.inChannels)->\(g.outChannels), \(g.batch)x\(g.height)x\(g.width)"
    }

    /// The path each geometry used so far and, for oneDNN, its implementations (fwd / bwd-data / bwd-weights).
    public var decisions: [(geometry: ConvGeometry, path: ConvPath, detail: String)] {
        lock.lock(); defer { lock.unlock() }
        return chosen.keys.sorted { Self.label($0) < Self.label($1) }.map { g in
            let p = chosen[g]!
            var detail = failures[g].map { "oneDNN unavailable: \($0)" } ?? reasons[g] ?? "asked for"
            if p == .onednn { detail = convs[g]!.implementations.joined(separator: " / ") + "; " + detail }
            return (g, p, detail)
        }
    }

    /// For `EngineContext.determinism`: the path, and for oneDNN its version and thread count.
    public var determinism: String {
        let dnnlPart = "oneDNN \(DNNLEngine.version), batch split over \(threads) worker\(threads == 1 ? "" : "s") at 1 OpenMP thread each"
        switch path {
        case .im2col: return "conv im2col"
        case .onednn: return "conv \(dnnlPart) (im2col where it has no primitive)"
        case .measured:
            let used = Set(decisions.map(\.path)).map(\.description).sorted().joined(separator: " + ")
            return "conv path per geometry (\(used.isEmpty ? "none used yet" : used)) "
                + (cache.map { "as recorded in \($0.url.path)" } ?? "timed by this run, not recorded") + "; \(dnnlPart)"
        }
    }

    /// Times forward + both backward passes on each path (one warm-up, then three alternating runs each) on
    /// scratch outputs; returns the path with the smaller median, and both medians in seconds. Costs and profiles are not counted.
    static func faster(_ g: ConvGeometry, _ conv: DNNLConvSet, x: UnsafePointer<Float>, w: UnsafePointer<Float>,
                       split: ConvKernel.Split) -> (path: ConvPath, im2col: Double, onednn: Double) {
        let yCount = g.outChannels * g.batch * g.outHeight * g.outWidth
        let xCount = g.inChannels * g.batch * g.height * g.width, wCount = g.outChannels * g.patch
        let y = UnsafeMutablePointer<Float>.allocate(capacity: yCount), dx = UnsafeMutablePointer<Float>.allocate(capacity: xCount)
        let dw = UnsafeMutablePointer<Float>.allocate(capacity: wCount)
        dw.initialize(repeating: 0, count: wCount)
        defer { y.deallocate(); dx.deallocate(); dw.deallocate() }
        let im2col = {
            ConvKernel.forward(g, x: x, w: w, y: y, split: split)
            ConvKernel.backwardWeight(g, x: x, dy: y, dw: dw, split)
            ConvKernel.backwardData(g, w: w, dy: y, dx: dx, overwrite: true, split)
        }
        let onednn = {
            conv.forward(x: x, w: w, y: y, profile: nil)
            conv.backward(x: x, w: w, dy: y, dw: dw, dx: dx, overwrite: true, profile: nil)
        }
        let (im2colMedian, onednnMedian) = ConvPathCache.alternatingMedians(im2col, onednn)
        return (onednnMedian < im2colMedian ? .onednn : .im2col, im2colMedian, onednnMedian)
    }
}
