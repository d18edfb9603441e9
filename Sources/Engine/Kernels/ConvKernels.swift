/// Convolution geometry: input `(Cin, N, H, W)`, weight `(Cout, Cin, k, k)`, output `(Cout, N, Ho, Wo)`.
///
/// Activations use the channel-major `(C, N, H, W)` layout inside the engine: one GEMM over the whole
/// batch then writes its output already in place (no transpose), and batch norm sees each channel as
/// one contiguous run.
public struct ConvGeometry: Equatable, Sendable {
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

/// im2col / col2im over a chunk of images `[n0, n0 + nb)` of a `(Cin, N, H, W)` tensor.
///
/// The column matrix is `(Cin*k*k, nb*Ho*Wo)`, row `(ci, ky, kx)`, column `(n, oy, ox)`.
public enum Im2Col {
    public static func gather(_ g: ConvGeometry, x: UnsafePointer<Float>, n0: Int, nb: Int,
                              col: UnsafeMutablePointer<Float>) {
        let ho = g.outHeight, wo = g.outWidth, k = g.kernel, s = g.stride, p = g.padding
        let h = g.height, w = g.width, n = g.batch
        let cols = nb * ho * wo
        nonisolated(unsafe) let x = x, col = col
        Parallel.forRange(g.patch, minimumWork: 1 << 15, work: cols) { rows in
            for r in rows {
                let ci = r / (k * k), ky = (r / k) % k, kx = r % k
                let dst = col + r * cols
                // Output columns whose source column lies inside the image: ox in [oxLo, oxHi).
                let oxLo = max(0, (p - kx + s - 1) / s), oxHi = min(wo, (w + p - kx + s - 1) / s)
                for b in 0..<nb {
                    let src = x + ((ci * n + n0 + b) * h) * w
                    for oy in 0..<ho {
                        let row = dst + (b * ho + oy) * wo
                        let iy = oy * s - p + ky
                        if iy < 0 || iy >= h || oxLo >= oxHi {
                            row.update(repeating: 0, count: wo); continue
                        }
                        let srow = src + iy * w
                        if oxLo > 0 { row.update(repeating: 0, count: oxLo) }
                        if s == 1 {
                            (row + oxLo).update(from: srow + (oxLo - p + kx), count: oxHi - oxLo)
                        } else {
                            for ox in oxLo..<oxHi { row[ox] = srow[ox * s - p + kx] }
                        }
                        if oxHi < wo { (row + oxHi).update(repeating: 0, count: wo - oxHi) }
                    }
                }
            }
        }
    }

    /// `dx += col2im(dcol)`; parallel over input channels so no two workers write the same element.
    public static func scatter(_ g: ConvGeometry, dcol: UnsafePointer<Float>, n0: Int, nb: Int,
                               dx: UnsafeMutablePointer<Float>) {
        let ho = g.outHeight, wo = g.outWidth, k = g.kernel, s = g.stride, p = g.padding
        let h = g.height, w = g.width, n = g.batch
        let cols = nb * ho * wo
        nonisolated(unsafe) let dcol = dcol, dx = dx
        Parallel.forRange(g.inChannels, minimumWork: 1 << 15, work: k * k * cols) { channels in
            for ci in channels {
                for ky in 0..<k {
                    for kx in 0..<k {
                        let src = dcol + ((ci * k + ky) * k + kx) * cols
                        let oxLo = max(0, (p - kx + s - 1) / s), oxHi = min(wo, (w + p - kx + s - 1) / s)
                        if oxLo >= oxHi { continue }
                        for b in 0..<nb {
                            let dst = dx + ((ci * n + n0 + b) * h) * w
                            for oy in 0..<ho {
                                let iy = oy * s - p + ky
                                if iy < 0 || iy >= h { continue }
                                let srow = src + (b * ho + oy) * wo, drow = dst + iy * w
                                for ox in oxLo..<oxHi { drow[ox * s - p + kx] += srow[ox] }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Convolution forward/backward as chunked im2col + one GEMM per chunk.
///
/// Images are processed in chunks whose column matrix fits `scratchBytes`, so memory stays bounded for
/// ResNet-sized layers while each GEMM still has thousands of columns.
public enum ConvKernel {
    /// Upper bound on one chunk's column matrix.
    nonisolated(unsafe) public static var scratchBytes = 24 << 20

    static func chunk(_ g: ConvGeometry) -> Int {
        let perImage = g.patch * g.outHeight * g.outWidth * 4
        return max(1, min(g.batch, scratchBytes / max(perImage, 1)))
    }

    /// `y = W * x` (no bias). `w` is `(Cout, Cin*k*k)`.
    public static func forward(_ g: ConvGeometry, x: UnsafePointer<Float>, w: UnsafePointer<Float>,
                               y: UnsafeMutablePointer<Float>) {
        let hw = g.outHeight * g.outWidth, ld = g.batch * hw
        if g.isPointwise {
            BLAS.gemm(m: g.outChannels, n: ld, k: g.patch, a: w, lda: g.patch, b: x, ldb: ld, c: y, ldc: ld)
            return
        }
        let nb = chunk(g)
        let col = UnsafeMutablePointer<Float>.allocate(capacity: g.patch * nb * hw)
        defer { col.deallocate() }
        var n0 = 0
        while n0 < g.batch {
            let b = min(nb, g.batch - n0)
            Im2Col.gather(g, x: x, n0: n0, nb: b, col: col)
            BLAS.gemm(m: g.outChannels, n: b * hw, k: g.patch, a: w, lda: g.patch, b: col, ldb: b * hw,
                      c: y + n0 * hw, ldc: ld)
            n0 += b
        }
    }

    /// `dw += dy * colᵀ` and, when `dx` is given, `dx += col2im(Wᵀ * dy)`.
    public static func backward(_ g: ConvGeometry, x: UnsafePointer<Float>, w: UnsafePointer<Float>,
                                dy: UnsafePointer<Float>, dw: UnsafeMutablePointer<Float>?,
                                dx: UnsafeMutablePointer<Float>?) {
        let hw = g.outHeight * g.outWidth, ld = g.batch * hw
        if g.isPointwise {
            if let dw { BLAS.gemm(transB: true, m: g.outChannels, n: g.patch, k: ld, a: dy, lda: ld, b: x, ldb: ld, beta: 1, c: dw, ldc: g.patch) }
            if let dx { BLAS.gemm(transA: true, m: g.patch, n: ld, k: g.outChannels, a: w, lda: g.patch, b: dy, ldb: ld, beta: 1, c: dx, ldc: ld) }
            return
        }
        let nb = chunk(g)
        let col = UnsafeMutablePointer<Float>.allocate(capacity: g.patch * nb * hw)
        defer { col.deallocate() }
        var n0 = 0
        while n0 < g.batch {
            let b = min(nb, g.batch - n0)
            if let dw {
                Im2Col.gather(g, x: x, n0: n0, nb: b, col: col)
                BLAS.gemm(transB: true, m: g.outChannels, n: g.patch, k: b * hw, a: dy + n0 * hw, lda: ld,
                          b: col, ldb: b * hw, beta: 1, c: dw, ldc: g.patch)
            }
            if let dx {
                BLAS.gemm(transA: true, m: g.patch, n: b * hw, k: g.outChannels, a: w, lda: g.patch,
                          b: dy + n0 * hw, ldb: ld, c: col, ldc: b * hw)
                Im2Col.scatter(g, dcol: col, n0: n0, nb: b, dx: dx)
            }
            n0 += b
        }
    }
}
