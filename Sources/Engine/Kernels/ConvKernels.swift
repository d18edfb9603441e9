/// Convolution geometry: input `(Cin, N, H, W)`, weight `(Cout, Cin, k, k)`, output `(Cout, N, Ho, Wo)`.
///
/// Activations use the channel-major `(C, N, H, W)` layout inside the engine: one GEMM over the whole
/// batch then writes its output already in place (no transpose), and batch norm sees each channel as
/// one contiguous run.
public struct ConvGeometry: Hashable, Sendable {
    public var inChannels, outChannels, kernel, stride, padding: Int
    public var batch, height, width: Int
    public var outHeight: Int { (height + 2 * padding - kernel) / stride + 1 }
    public var outWidth: Int { (width + 2 * padding - kernel) / stride + 1 }
    /// Rows of the im2col matrix: `Cin * k * k`.
    public var patch: Int { inChannels * kernel * kernel }
    public var isPointwise: Bool { kernel == 1 && stride == 1 && padding == 0 }

    public init(inChannels: Int, outChannels: Int, kernel: Int, stride: Int, padding: Int,
                batch: Int, height: Int, width: Int) {
        self.inChannels = inChannels; self.outChannels = outChannels; self.kernel = kernel
        self.stride = stride; self.padding = padding; self.batch = batch; self.height = height; self.width = width
    }
}

/// Convolution forward/backward as im2col + GEMM, with the batch split across cores.
///
/// Each `Parallel` worker takes a contiguous share of the images and runs im2col and a one-thread GEMM
/// on chunks of them, so the two cores never wait for each other inside a layer and the column chunk
/// is still in cache when its GEMM reads it. Weight gradients are summed per worker and then added in
/// worker order (deterministic for a given worker count). Chunks are bounded by `scratchBytes` per worker.
/// The split comes from the engine context (`EngineContext.convSplit`); the op times each call.
public enum ConvKernel {
    /// How a call splits its work.
    public struct Split: Sendable, Equatable {
        /// Shares of the batch (at most this many run at once, one per worker).
        public var workers: Int
        /// Upper bound on one worker's column matrix.
        public var scratchBytes: Int
        public init(workers: Int, scratchBytes: Int) { self.workers = max(1, workers); self.scratchBytes = scratchBytes }
    }

    static func chunk(_ g: ConvGeometry, images: Int, _ split: Split) -> Int {
        let perImage = g.patch * g.outHeight * g.outWidth * 4
        return max(1, min(images, split.scratchBytes / max(perImage, 1)))
    }

    /// Walks `count` images from `start` in chunks of at most `chunk(g:…)` images, with one column buffer
    /// (`patch × chunk × Ho·Wo`) for the whole walk: `body(n0, images, col)` per chunk.
    static func columnChunks(_ g: ConvGeometry, start: Int, count: Int, _ split: Split,
                             _ body: (Int, Int, UnsafeMutablePointer<Float>) -> Void) {
        let nb = chunk(g, images: count, split)
        let col = UnsafeMutablePointer<Float>.allocate(capacity: g.patch * nb * g.outHeight * g.outWidth)
        defer { col.deallocate() }
        var n0 = start
        while n0 < start + count {
            let b = min(nb, start + count - n0)
            body(n0, b, col)
            n0 += b
        }
    }

    /// Splits the batch into `split.workers` shares; `body(share, n0, count)` for each.
    static func shares(_ g: ConvGeometry, _ split: Split, _ body: (Int, Int, Int) -> Void) {
        let workers = min(split.workers, max(1, g.batch))
        let perWork = g.patch * g.outHeight * g.outWidth * g.outChannels
        let parts = g.batch * perWork < 1 << 16 ? 1 : workers
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            Workers(split.workers).forRange(parts, minimumWork: 0) { r in
                for part in r {
                    let lo = g.batch * part / parts, hi = g.batch * (part + 1) / parts
                    if lo < hi { box.value(part, lo, hi - lo) }
                }
            }
        }
    }

    /// `y = W * x` (no bias). `w` is `(Cout, Cin*k*k)`.
    public static func forward(_ g: ConvGeometry, x: UnsafePointer<Float>, w: UnsafePointer<Float>,
                               y: UnsafeMutablePointer<Float>, split: Split) {
        let hw = g.outHeight * g.outWidth, ld = g.batch * hw
        nonisolated(unsafe) let x = x, w = w, y = y
        // Counted here, on the calling thread: the workers' GEMMs run on other threads.
        CostCounter.addMACs(g.outChannels * g.patch * ld)
        BLAS.workersOnly {
            shares(g, split) { _, start, count in
                if g.isPointwise {
                    BLAS.serialGemm(m: g.outChannels, n: count * hw, k: g.patch, a: w, lda: g.patch,
                                    b: x + start * hw, ldb: ld, c: y + start * hw, ldc: ld)
                    return
                }
                columnChunks(g, start: start, count: count, split) { n0, b, col in
                    Im2Col.gather(g, x: x, n0: n0, nb: b, col: col)
                    BLAS.serialGemm(m: g.outChannels, n: b * hw, k: g.patch, a: w, lda: g.patch, b: col, ldb: b * hw,
                                    c: y + n0 * hw, ldc: ld)
                }
            }
        }
    }

    /// `dw += dy * colᵀ` and, when `dx` is given, `dx += col2im(Wᵀ * dy)` (`dx = …` when `overwriteDX`).
    public static func backward(_ g: ConvGeometry, x: UnsafePointer<Float>, w: UnsafePointer<Float>,
                                dy: UnsafePointer<Float>, dw: UnsafeMutablePointer<Float>?,
                                dx: UnsafeMutablePointer<Float>?, overwriteDX: Bool = false, split: Split) {
        if let dw { backwardWeight(g, x: x, dy: dy, dw: dw, split) }
        if let dx { backwardData(g, w: w, dy: dy, dx: dx, overwrite: overwriteDX, split) }
    }

    public static func backwardWeight(_ g: ConvGeometry, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                               dw: UnsafeMutablePointer<Float>, _ split: Split) {
        let hw = g.outHeight * g.outWidth, ld = g.batch * hw, wsize = g.outChannels * g.patch
        let workers = split.workers
        // Worker 0 adds straight into dw; the others into zeroed partials, added afterwards in order.
        let partials = UnsafeMutablePointer<Float>.allocate(capacity: max(1, (workers - 1) * wsize))
        partials.initialize(repeating: 0, count: max(1, (workers - 1) * wsize))
        defer { partials.deallocate() }
        nonisolated(unsafe) let x = x, dy = dy, dw = dw, partialsP = partials
        // Counted here, on the calling thread: the workers' GEMMs run on other threads.
        CostCounter.addMACs(g.outChannels * g.patch * ld)
        BLAS.workersOnly {
            shares(g, split) { part, start, count in
                let target = part == 0 ? dw : partialsP + (part - 1) * wsize
                if g.isPointwise {
                    BLAS.serialGemm(transB: true, m: g.outChannels, n: g.patch, k: count * hw, a: dy + start * hw,
                                    lda: ld, b: x + start * hw, ldb: ld, beta: 1, c: target, ldc: g.patch)
                    return
                }
                columnChunks(g, start: start, count: count, split) { n0, b, col in
                    Im2Col.gather(g, x: x, n0: n0, nb: b, col: col)
                    BLAS.serialGemm(transB: true, m: g.outChannels, n: g.patch, k: b * hw, a: dy + n0 * hw, lda: ld,
                                    b: col, ldb: b * hw, beta: 1, c: target, ldc: g.patch)
                }
            }
        }
        for p in 0..<(workers - 1) {
            let src = partials + p * wsize
            for i in 0..<wsize { dw[i] += src[i] }
        }
    }

    public static func backwardData(_ g: ConvGeometry, w: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                             dx: UnsafeMutablePointer<Float>, overwrite: Bool, _ split: Split) {
        let hw = g.outHeight * g.outWidth, ld = g.batch * hw, inHW = g.height * g.width
        nonisolated(unsafe) let w = w, dy = dy, dx = dx
        // Counted here, on the calling thread: the workers' GEMMs run on other threads.
        CostCounter.addMACs(g.outChannels * g.patch * ld)
        BLAS.workersOnly {
            shares(g, split) { _, start, count in
                if g.isPointwise {
                    BLAS.serialGemm(transA: true, m: g.patch, n: count * hw, k: g.outChannels, a: w, lda: g.patch,
                                    b: dy + start * hw, ldb: ld, beta: overwrite ? 0 : 1, c: dx + start * hw, ldc: ld)
                    return
                }
                if overwrite {  // this worker's images of every input channel
                    for ci in 0..<g.inChannels {
                        (dx + (ci * g.batch + start) * inHW).update(repeating: 0, count: count * inHW)
                    }
                }
                columnChunks(g, start: start, count: count, split) { n0, b, col in
                    BLAS.serialGemm(transA: true, m: g.patch, n: b * hw, k: g.outChannels, a: w, lda: g.patch,
                                    b: dy + n0 * hw, ldb: ld, c: col, ldc: b * hw)
                    Im2Col.scatter(g, dcol: col, n0: n0, nb: b, dx: dx)
                }
            }
        }
    }
}
