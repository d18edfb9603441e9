/// Batch norm on a channel-blocked image (`ChannelBlocking`, 8 or 16 lanes): a tile's floats are read 16 at a
/// time, element `k` of each vector belonging to channel `k % L` of the block (one pixel at 16 lanes, two at 8),
/// so statistics and the affine map run 16 floats at once with per-channel constants as vectors.
///
/// Concrete `SIMD16<Float>` code: a version generic over the vector width was specialised by the compiler but
/// its masks were lowered lane by lane through the stack, 7x slower than the plain kernels on W1.
///
/// Same statistics as the plain kernels (one pass of shifted moments, summed in Float over at most `chunk`
/// pixels and folded into Double), so results agree with them to rounding, not bit for bit.
extension BatchNormKernel {
    /// The lanes a blocked kernel supports: oneDNN's `nChw16c` (AVX-512) and `nChw8c` (AVX2, SSE4.1).
    public static func supportsBlocking(_ lanes: Int) -> Bool { lanes == 8 || lanes == 16 }

    /// Training forward, as `forwardTrain(_: BatchNormLayout, …)` on a blocked `x` and `y`.
    public static func forwardTrain(_ l: ChannelBlocking, x: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                                    beta: UnsafePointer<Float>, eps: Float, relu: Bool = false,
                                    y: UnsafeMutablePointer<Float>, mean: UnsafeMutablePointer<Float>,
                                    invstd: UnsafeMutablePointer<Float>, variance: UnsafeMutablePointer<Float>, workers: Workers) {
        precondition(supportsBlocking(l.lanes), "blocked batch norm: \(l.lanes) lanes")
        blockedForwardTrain(l, x, gamma, beta, eps, relu, y, mean, invstd, variance, workers)
    }

    /// Evaluation forward with running statistics, on a blocked `x` and `y`.
    public static func forwardEval(_ l: ChannelBlocking, x: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                                   beta: UnsafePointer<Float>, runningMean: UnsafePointer<Float>,
                                   runningVar: UnsafePointer<Float>, eps: Float, relu: Bool = false,
                                   y: UnsafeMutablePointer<Float>) {
        for b in 0..<l.blocks {
            for n in 0..<l.batch {
                let off = (n * l.blocks + b) * l.pixels * l.lanes
                for p in 0..<l.pixels {
                    for lane in 0..<l.lanes {
                        let c = b * l.lanes + lane, i = off + p * l.lanes + lane
                        let a = gamma[c] / (runningVar[c] + eps).squareRoot(), v = (x[i] - runningMean[c]) * a + beta[c]
                        y[i] = relu ? max(v, 0) : v
                    }
                }
            }
        }
    }

    /// Training backward, as `backward(_: BatchNormLayout, …)` on blocked `x`, `dy`, `reluOutput` and `dx`.
    public static func backward(_ l: ChannelBlocking, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                reluOutput: UnsafePointer<Float>? = nil,
                                gamma: UnsafePointer<Float>, mean: UnsafePointer<Float>, invstd: UnsafePointer<Float>,
                                dgamma: UnsafeMutablePointer<Float>?, dbeta: UnsafeMutablePointer<Float>?,
                                dx: UnsafeMutablePointer<Float>?, overwrite: Bool = false, workers: Workers) {
        precondition(supportsBlocking(l.lanes), "blocked batch norm: \(l.lanes) lanes")
        blockedBackward(l, x, dy, reluOutput, gamma, mean, invstd, dgamma, dbeta, dx, overwrite, workers)
    }

    /// Floats summed in Float (16 per vector, across a block's images) before folding into Double, as the plain
    /// kernels fold every 4,096 values. Folding per image instead cost more than the sums on W1's 7x7 tiles.
    static let chunk = 4096

    typealias V = VectorMath.V

    /// A vector whose element `k` is `value(k % lanes)` (lanes a power of two).
    @inline(__always)
    private static func spread(_ lanes: Int, _ value: (Int) -> Float) -> V {
        var v = V()
        for k in 0..<16 { v[k] = value(k & (lanes - 1)) }
        return v
    }

    /// Per-channel Double sums of a block, fed 16-float vectors (element `k` is channel `k % lanes`) that are
    /// summed in Float and folded in every `chunk` floats.
    struct LaneSums {
        let lanes: Int
        var total: [Double]
        private var vector = V(), pending = 0

        init(lanes: Int) { self.lanes = lanes; total = [Double](repeating: 0, count: lanes) }

        /// Adds a vector sum over `floats` floats.
        @inline(__always)
        mutating func add(_ v: V, floats: Int) {
            vector += v; pending += floats
            if pending >= BatchNormKernel.chunk { fold() }
        }

        /// Adds one float of channel `lane` straight to its Double sum.
        @inline(__always)
        mutating func add(_ value: Float, lane: Int) { total[lane] += Double(value) }

        mutating func fold() {
            for k in 0..<16 { total[k & (lanes - 1)] += Double(vector[k]) }
            vector = V(); pending = 0
        }
    }

    /// `(Σ (x - shift), Σ (x - shift)²)` per channel of one tile (`count` floats, channel of float `i` is `i % lanes`).
    @inline(__always)
    private static func moments(_ t: UnsafePointer<Float>, _ count: Int, _ lanes: Int, _ shift: V,
                                _ s1: inout LaneSums, _ s2: inout LaneSums) {
        var a = V(), q = V(), i = 0
        while i + 16 <= count { let d = VectorMath.load(t + i) - shift; a += d; q += d * d; i += 16 }
        s1.add(a, floats: i); s2.add(q, floats: i)
        while i < count { let k = i & (lanes - 1), d = t[i] - shift[k]; s1.add(d, lane: k); s2.add(d * d, lane: k); i += 1 }
    }

    private static func blockedForwardTrain(_ l: ChannelBlocking, _ x: UnsafePointer<Float>, _ gamma: UnsafePointer<Float>,
                                            _ beta: UnsafePointer<Float>, _ eps: Float, _ relu: Bool,
                                            _ y: UnsafeMutablePointer<Float>, _ mean: UnsafeMutablePointer<Float>,
                                            _ invstd: UnsafeMutablePointer<Float>, _ variance: UnsafeMutablePointer<Float>,
                                            _ workers: Workers) {
        let m = Double(l.batch * l.pixels), tile = l.pixels * l.lanes, lanes = l.lanes
        nonisolated(unsafe) let x = x, y = y, gamma = gamma, beta = beta, mean = mean, invstd = invstd, variance = variance
        workers.forRange(l.blocks, minimumWork: 1 << 14, work: l.batch * tile) { blocks in
            for b in blocks {
                // Shift: the mean of each channel's first pixels of image 0 (as the plain kernel's first values).
                let first = x + b * tile, probe = min(l.pixels, 64)
                var shiftSums = [Double](repeating: 0, count: lanes)
                for p in 0..<probe { for lane in 0..<lanes { shiftSums[lane] += Double(first[p * lanes + lane]) } }
                let shift = spread(lanes) { Float(shiftSums[$0] / Double(probe)) }
                var sums1 = LaneSums(lanes: lanes), sums2 = sums1
                for n in 0..<l.batch { moments(x + (n * l.blocks + b) * tile, tile, lanes, shift, &sums1, &sums2) }
                sums1.fold(); sums2.fold()
                let s1 = sums1.total, s2 = sums2.total
                var scale = [Float](repeating: 0, count: lanes), offset = scale
                for lane in 0..<lanes {
                    let c = b * lanes + lane
                    let d = s1[lane] / m, mu = Float(Double(shift[lane]) + d), v = max(0, s2[lane] / m - d * d)
                    let inv = Float(1 / (v + Double(eps)).squareRoot())
                    mean[c] = mu; invstd[c] = inv; variance[c] = Float(v)
                    scale[lane] = gamma[c] * inv; offset[lane] = beta[c] - mu * scale[lane]
                }
                let va = spread(lanes) { scale[$0] }, vb = spread(lanes) { offset[$0] }, zero = V()
                for n in 0..<l.batch {
                    let off = (n * l.blocks + b) * tile, src = x + off, dst = y + off
                    var i = 0
                    while i + 16 <= tile {
                        let v = VectorMath.load(src + i) * va + vb
                        VectorMath.store(relu ? v.replacing(with: zero, where: v .< zero) : v, dst + i)
                        i += 16
                    }
                    while i < tile { let k = i & (lanes - 1), v = src[i] * va[k] + vb[k]; dst[i] = relu ? max(v, 0) : v; i += 1 }
                }
            }
        }
    }

    private static func blockedBackward(_ l: ChannelBlocking, _ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                        _ mask: UnsafePointer<Float>?, _ gamma: UnsafePointer<Float>,
                                        _ mean: UnsafePointer<Float>, _ invstd: UnsafePointer<Float>,
                                        _ dgamma: UnsafeMutablePointer<Float>?, _ dbeta: UnsafeMutablePointer<Float>?,
                                        _ dx: UnsafeMutablePointer<Float>?, _ overwrite: Bool, _ workers: Workers) {
        let m = Float(l.batch * l.pixels), tile = l.pixels * l.lanes, lanes = l.lanes
        nonisolated(unsafe) let x = x, dy = dy, mask = mask, gamma = gamma, mean = mean, invstd = invstd
        nonisolated(unsafe) let dgamma = dgamma, dbeta = dbeta, dx = dx
        workers.forRange(l.blocks, minimumWork: 1 << 14, work: l.batch * tile) { blocks in
            for b in blocks {
                let mu = spread(lanes) { mean[b * lanes + $0] }
                var sums1 = LaneSums(lanes: lanes), sums2 = sums1
                for n in 0..<l.batch {
                    let off = (n * l.blocks + b) * tile
                    let (a, q, i) = gradientSums(x + off, dy + off, mask.map { $0 + off }, tile, mu)
                    sums1.add(a, floats: i); sums2.add(q, floats: i)
                    for j in i..<tile {
                        let k = j & (lanes - 1), g = mask.map { $0[off + j] > 0 ? dy[off + j] : 0 } ?? dy[off + j]
                        sums1.add(g, lane: k); sums2.add(g * (x[off + j] - mu[k]), lane: k)
                    }
                }
                sums1.fold(); sums2.fold()
                let s1 = sums1.total, s2 = sums2.total
                var gScale = [Float](repeating: 0, count: lanes), xScale = gScale, shift = gScale
                for lane in 0..<lanes {
                    let c = b * lanes + lane, inv = invstd[c]
                    let sumDy = Float(s1[lane]), sumDyXhat = Float(s2[lane]) * inv
                    dgamma?[c] += sumDyXhat
                    dbeta?[c] += sumDy
                    // dx = (k m) g - (k coef) (x - mu) - k sumDy, as the plain kernel.
                    let k = gamma[c] * inv / m, coef = sumDyXhat * inv
                    gScale[lane] = k * m; xScale[lane] = -k * coef; shift[lane] = -k * sumDy
                }
                guard let dx else { continue }
                let gs = spread(lanes) { gScale[$0] }, xs = spread(lanes) { xScale[$0] }, sh = spread(lanes) { shift[$0] }
                for n in 0..<l.batch {
                    let off = (n * l.blocks + b) * tile
                    inputGradient(x + off, dy + off, mask.map { $0 + off }, dx + off, tile, mu, gs, xs, sh, lanes, overwrite)
                }
            }
        }
    }

    /// Vector sums of `g` and `g (x - mu)` over the whole vectors of `count` floats; returns where they stopped.
    @inline(__always)
    private static func gradientSums(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ mask: UnsafePointer<Float>?,
                                     _ count: Int, _ mu: V) -> (V, V, Int) {
        let end = count
        var a = V(), q = V(), i = 0
        let zero = V()
        if let mask {
            while i + 16 <= end {
                let g = VectorMath.load(dy + i).replacing(with: zero, where: VectorMath.load(mask + i) .<= zero)
                a += g; q += g * (VectorMath.load(x + i) - mu); i += 16
            }
        } else {
            while i + 16 <= end { let g = VectorMath.load(dy + i); a += g; q += g * (VectorMath.load(x + i) - mu); i += 16 }
        }
        return (a, q, i)
    }

    /// `dx (=|+=) gs g + xs (x - mu) + sh` over `count` floats, constants per channel `i % lanes` (lanes 1: one
    /// channel, the plain kernels' case).
    @inline(__always)
    static func inputGradient(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ mask: UnsafePointer<Float>?,
                              _ dx: UnsafeMutablePointer<Float>, _ count: Int, _ mu: V, _ gs: V, _ xs: V, _ sh: V,
                              _ lanes: Int, _ overwrite: Bool) {
        let zero = V()
        var i = 0
        while i + 16 <= count {
            var g = VectorMath.load(dy + i)
            if let mask { g = g.replacing(with: zero, where: VectorMath.load(mask + i) .<= zero) }
            var v = g * gs + (VectorMath.load(x + i) - mu) * xs + sh
            if !overwrite { v += VectorMath.load(dx + i) }
            VectorMath.store(v, dx + i)
            i += 16
        }
        while i < count {
            let k = i & (lanes - 1), g = mask.map { $0[i] > 0 ? dy[i] : 0 } ?? dy[i]
            let v = g * gs[k] + (x[i] - mu[k]) * xs[k] + sh[k]
            dx[i] = overwrite ? v : dx[i] + v
            i += 1
        }
    }
}
