import Foundation

/// The two products of a linear model fitted on a whole feature matrix at once (the L-BFGS probe's objective):
/// `Y = X · Wᵀ` and `D = Gᵀ · X`, with `X (rows, k)` far taller than `W (n, k)`. Routed like convolutions, by the
/// context's `ConvPath`: `.im2col` is the reference (one OpenBLAS call each, the bits every earlier result has),
/// `.onednn` runs oneDNN matmuls with the rows split over the workers, `.measured` times both per shape at first
/// use and keeps the faster in the same `ConvPathCache` file.
///
/// Why oneDNN here: with `n` = 10 classes OpenBLAS packs all of `X` for a product ten columns wide; oneDNN's
/// brgemm kernels read it in place. Measured on the W4 shapes (60,000 × 128, 10 classes), one thread, AMD EPYC
/// (Zen 5, AVX-512): `X · Wᵀ` 4.3 ms on OpenBLAS's Haswell core against 3.0 ms, `Gᵀ · X` 3.6 against 1.5 ms.
///
/// On oneDNN, `D` is summed one partial per worker share, in share order, so its bits depend on the worker count.
public final class MatmulBackend: @unchecked Sendable {
    public let path: ConvPath
    public let cache: ConvPathCache?
    public let threads: Int

    /// A product's shape: `transposed` is `Gᵀ · X` (rows summed over), else `X · Wᵀ`.
    struct Shape: Hashable { var transposed: Bool, rows: Int, k: Int, n: Int }

    private let lock = NSRecursiveLock()
    private var dnnl: DNNLEngine?
    private var triedEngine = false
    private var shares: [Shape: [(start: Int, matmul: DNNLMatmul)]] = [:]
    private var chosen: [Shape: ConvPath] = [:]
    private var reasons: [Shape: String] = [:]
    private lazy var host = CPUFeatures.current()

    public init(path: ConvPath, threads: Int, cache: ConvPathCache? = nil) {
        self.path = path; self.threads = max(1, threads); self.cache = cache
    }

    /// `y (rows, n) = x (rows, k) · wᵀ`, `w (n, k)`.
    public func rowsTimesTransposed(x: UnsafePointer<Float>, w: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>,
                                    rows: Int, k: Int, n: Int, blas: BLAS) {
        product(Shape(transposed: false, rows: rows, k: k, n: n), x: x, other: w, out: y) {
            blas.gemm(transB: true, m: rows, n: n, k: k, a: x, lda: k, b: w, ldb: k, c: y, ldc: n)
        }
    }

    /// `d (n, k) = gᵀ · x`, `g (rows, n)`, `x (rows, k)`.
    public func transposedTimesRows(g: UnsafePointer<Float>, x: UnsafePointer<Float>, d: UnsafeMutablePointer<Float>,
                                    rows: Int, k: Int, n: Int, blas: BLAS) {
        product(Shape(transposed: true, rows: rows, k: k, n: n), x: x, other: g, out: d) {
            blas.gemm(transA: true, m: n, n: k, k: rows, a: g, lda: n, b: x, ldb: k, c: d, ldc: k)
        }
    }

    /// Runs `shape` on the path chosen for it (`other` is `w`, or `g` for the transposed product).
    private func product(_ shape: Shape, x: UnsafePointer<Float>, other: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>,
                         reference: () -> Void) {
        guard let parts = route(shape, reference: reference, onednn: { self.run(shape, $0, x: x, w: other, out: out) }) else {
            return reference()
        }
        CostCounter.addMACs(shape.rows * shape.n * shape.k)
        // One call at a time: the shares' memory objects carry this call's pointers.
        lock.lock(); defer { lock.unlock() }
        run(shape, parts, x: x, w: other, out: out)
    }

    /// Runs the shares of `shape` at once: `X · Wᵀ` writes disjoint rows; `Gᵀ · X` sums share 0 into `out` and
    /// the others into partials added afterwards in share order. (`w` is `g` for the transposed product.)
    private func run(_ shape: Shape, _ parts: [(start: Int, matmul: DNNLMatmul)], x: UnsafePointer<Float>,
                     w: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>) {
        let size = shape.n * shape.k, count = parts.count
        let partials = shape.transposed && count > 1 ? UnsafeMutablePointer<Float>.allocate(capacity: (count - 1) * size) : nil
        defer { partials?.deallocate() }
        nonisolated(unsafe) let x = x, w = w, out = out, partialsP = partials
        let box = UncheckedBox(parts)
        Workers(count).forRange(count, minimumWork: 0) { r in
            for p in r {
                let (start, matmul) = box.value[p]
                if shape.transposed {
                    matmul.run(a: w + start * shape.n, b: x + start * shape.k, c: p == 0 ? out : partialsP! + (p - 1) * size)
                } else {
                    matmul.run(a: x + start * shape.k, b: w, c: out + start * shape.n)
                }
            }
        }
        if let partials {
            for p in 0..<(count - 1) {
                let src = partials + p * size
                for i in 0..<size { out[i] += src[i] }
            }
        }
    }

    /// oneDNN's shares for `shape`, or nil for the reference. The first call for a shape decides.
    private func route(_ shape: Shape, reference: () -> Void,
                       onednn: ([(start: Int, matmul: DNNLMatmul)]) -> Void) -> [(start: Int, matmul: DNNLMatmul)]? {
        lock.lock(); defer { lock.unlock() }
        if let c = chosen[shape] { return c == .onednn ? shares[shape] : nil }
        if path == .im2col { chosen[shape] = .im2col; return nil }
        guard let parts = primitives(shape) else { chosen[shape] = .im2col; return nil }
        var decision = ConvPath.onednn
        if path == .measured {
            (decision, reasons[shape]) = ConvPathCache.decide(cache, key: cacheKey(shape), reference: "OpenBLAS") {
                ConvPathCache.alternatingMedians(reference, { onednn(parts) })
            }
        }
        chosen[shape] = decision
        return decision == .onednn ? parts : nil
    }

    private func primitives(_ shape: Shape) -> [(start: Int, matmul: DNNLMatmul)]? {
        if let s = shares[shape] { return s }
        if !triedEngine { triedEngine = true; dnnl = DNNLEngine() }
        guard let dnnl else { return nil }
        // Small products on one share: a dispatch costs more than it saves.
        let count = shape.rows * shape.k * shape.n < 1 << 20 ? 1 : min(threads, shape.rows)
        let made = try? (0..<count).map { p in
            let lo = shape.rows * p / count, hi = shape.rows * (p + 1) / count
            let matmul = shape.transposed
                ? try DNNLMatmul(transA: true, transB: false, m: shape.n, n: shape.k, k: hi - lo, dnnl: dnnl)
                : try DNNLMatmul(transA: false, transB: true, m: hi - lo, n: shape.n, k: shape.k, dnnl: dnnl)
            return (lo, matmul)
        }
        shares[shape] = made
        return made
    }

    /// What a shape's decision depends on, as for convolutions.
    func cacheKey(_ s: Shape) -> String {
        "\(host.model) | \(host.isa) | \(DNNLEngine.identity()) | threads \(threads) | " + Self.label(s)
    }

    /// `matmul X·Wᵀ, 60000x128 -> 10`.
    static func label(_ s: Shape) -> String {
        s.transposed ? "matmul Gᵀ·X, \(s.rows)x\(s.n) by \(s.rows)x\(s.k)" : "matmul X·Wᵀ, \(s.rows)x\(s.k) -> \(s.n)"
    }

    /// The path each product shape took so far, with oneDNN's implementation or the timing that chose it.
    public var decisions: [(shape: String, path: ConvPath, detail: String)] {
        lock.lock(); defer { lock.unlock() }
        return chosen.keys.map { s in
            let p = chosen[s]!
            var detail = reasons[s] ?? (shares[s] == nil && path != .im2col ? "oneDNN unavailable" : "asked for")
            if p == .onednn, let first = shares[s]?.first { detail = first.matmul.implementation + "; " + detail }
            return (Self.label(s), p, detail)
        }.sorted { $0.shape < $1.shape }
    }

    /// For `EngineContext.determinism`.
    public var determinism: String {
        switch path {
        case .im2col: return "linear products OpenBLAS"
        case .onednn: return "linear products oneDNN, rows split over \(threads) worker\(threads == 1 ? "" : "s")"
        case .measured: return "linear products per shape (OpenBLAS or oneDNN, as the conv paths)"
        }
    }
}
