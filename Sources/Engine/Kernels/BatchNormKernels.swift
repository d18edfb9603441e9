/// Batch normalisation over a tensor viewed as `(outer, C, inner)`: statistics per channel `c` over
/// `outer * inner` values. `(C, N, H, W)` images are `(1, C, N*H*W)`; `(N, F)` features are `(N, F, 1)`.
public struct BatchNormLayout: Sendable {
    public var outer, channels, inner: Int
    public var perChannel: Int { outer * inner }
    public init(outer: Int, channels: Int, inner: Int) { self.outer = outer; self.channels = channels; self.inner = inner }
}

/// Batch-norm kernels, optionally fused with the ReLU that follows (one pass and one tensor less).
///
/// Image layouts run channel by channel with vectorised two-pass statistics; feature layouts (`inner == 1`)
/// run row by row so memory is read in order. Sums are folded into Double (see `VectorMath`); image
/// statistics take one pass of shifted moments (`VectorMath.shiftedMoments`).
public enum BatchNormKernel {
    /// Training forward: `y = gamma * (x - mean) * invstd + beta` (then `max(·, 0)` when `relu`) with batch
    /// statistics (biased variance, as PyTorch normalises); returns per-channel `mean`, `invstd` and the
    /// biased variance.
    public static func forwardTrain(_ l: BatchNormLayout, x: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                                    beta: UnsafePointer<Float>, eps: Float, relu: Bool = false,
                                    y: UnsafeMutablePointer<Float>, mean: UnsafeMutablePointer<Float>,
                                    invstd: UnsafeMutablePointer<Float>, variance: UnsafeMutablePointer<Float>, workers: Workers) {
        let m = Double(l.perChannel)
        if l.inner == 1 {
            featureStatistics(l, x: x, eps: eps, mean: mean, invstd: invstd, variance: variance)
            for o in 0..<l.outer {
                let p = x + o * l.channels, q = y + o * l.channels
                for c in 0..<l.channels {
                    let v = (p[c] - mean[c]) * invstd[c] * gamma[c] + beta[c]
                    q[c] = relu ? max(v, 0) : v
                }
            }
            return
        }
        nonisolated(unsafe) let x = x, y = y, gamma = gamma, beta = beta, mean = mean, invstd = invstd, variance = variance
        workers.forRange(l.channels, minimumWork: 1 << 14, work: l.perChannel * 4) { cs in
            for c in cs {
                // One pass of shifted moments around the mean of the channel's first values.
                let first = x + c * l.inner, probe = min(l.inner, 64)
                let shift = Float(VectorMath.sum(first, probe) / Double(probe))
                var s1 = 0.0, s2 = 0.0
                for o in 0..<l.outer {
                    let (a, b) = VectorMath.shiftedMoments(x + (o * l.channels + c) * l.inner, l.inner, shift)
                    s1 += a; s2 += b
                }
                let d = s1 / m, mu = Float(Double(shift) + d)
                let v = max(0, s2 / m - d * d)
                let inv = Float(1 / (v + Double(eps)).squareRoot())
                mean[c] = mu; invstd[c] = inv; variance[c] = Float(v)
                let a = gamma[c] * inv, b = beta[c] - mu * a
                for o in 0..<l.outer {
                    let off = (o * l.channels + c) * l.inner
                    affine(x + off, y + off, l.inner, a, b, relu: relu)
                }
            }
        }
    }

    /// `y = x a + b`, then `max(y, 0)` when `relu`.
    @inline(__always)
    static func affine(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, _ a: Float, _ b: Float,
                       relu: Bool) {
        let va = VectorMath.V(repeating: a), vb = VectorMath.V(repeating: b), zero = VectorMath.V()
        var i = 0
        if relu {
            while i + 16 <= n {
                let v = VectorMath.load(x + i) * va + vb
                VectorMath.store(v.replacing(with: zero, where: v .< zero), y + i); i += 16
            }
            while i < n { y[i] = max(x[i] * a + b, 0); i += 1 }
        } else {
            while i + 16 <= n { VectorMath.store(VectorMath.load(x + i) * va + vb, y + i); i += 16 }
            while i < n { y[i] = x[i] * a + b; i += 1 }
        }
    }

    /// Per-feature mean and variance of `(N, F)` rows, read row by row.
    static func featureStatistics(_ l: BatchNormLayout, x: UnsafePointer<Float>, eps: Float,
                                  mean: UnsafeMutablePointer<Float>, invstd: UnsafeMutablePointer<Float>,
                                  variance: UnsafeMutablePointer<Float>) {
        let c = l.channels, m = Double(l.outer)
        var s = [Double](repeating: 0, count: c), ss = s
        s.withUnsafeMutableBufferPointer { s in
            ss.withUnsafeMutableBufferPointer { ss in
                for o in 0..<l.outer { let p = x + o * c; for j in 0..<c { s[j] += Double(p[j]) } }
                for j in 0..<c { mean[j] = Float(s[j] / m) }
                for o in 0..<l.outer { let p = x + o * c; for j in 0..<c { let d = Double(p[j] - mean[j]); ss[j] += d * d } }
                for j in 0..<c {
                    let v = ss[j] / m
                    variance[j] = Float(v); invstd[j] = Float(1 / (v + Double(eps)).squareRoot())
                }
            }
        }
    }

    /// Evaluation forward with running statistics (then `max(·, 0)` when `relu`).
    public static func forwardEval(_ l: BatchNormLayout, x: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                                   beta: UnsafePointer<Float>, runningMean: UnsafePointer<Float>,
                                   runningVar: UnsafePointer<Float>, eps: Float, relu: Bool = false,
                                   y: UnsafeMutablePointer<Float>) {
        for c in 0..<l.channels {
            let a = gamma[c] / (runningVar[c] + eps).squareRoot(), b = beta[c] - runningMean[c] * a
            for o in 0..<l.outer {
                let off = (o * l.channels + c) * l.inner
                affine(x + off, y + off, l.inner, a, b, relu: relu)
            }
        }
    }

    /// Training backward: accumulates `dgamma`, `dbeta` and, when given, `dx` (stores it when `overwrite`):
    /// `dx = gamma * invstd / M * (M g - sum g - xhat * sum(g xhat))` with `g = dy`, or with a fused ReLU
    /// `g = dy · [y > 0]` where `y` is the op's output.
    public static func backward(_ l: BatchNormLayout, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                reluOutput: UnsafePointer<Float>? = nil,
                                gamma: UnsafePointer<Float>, mean: UnsafePointer<Float>, invstd: UnsafePointer<Float>,
                                dgamma: UnsafeMutablePointer<Float>?, dbeta: UnsafeMutablePointer<Float>?,
                                dx: UnsafeMutablePointer<Float>?, overwrite: Bool = false, workers: Workers) {
        if l.inner == 1 {
            featureBackward(l, x: x, dy: dy, reluOutput: reluOutput, gamma: gamma, mean: mean, invstd: invstd,
                            dgamma: dgamma, dbeta: dbeta, dx: dx, overwrite: overwrite)
            return
        }
        nonisolated(unsafe) let x = x, dy = dy, gamma = gamma, mean = mean, invstd = invstd, mask = reluOutput
        nonisolated(unsafe) let dgamma = dgamma, dbeta = dbeta, dx = dx
        let m = Float(l.perChannel)
        workers.forRange(l.channels, minimumWork: 1 << 14, work: l.perChannel * 4) { cs in
            for c in cs {
                let mu = mean[c], inv = invstd[c]
                var sdy = 0.0, sdyx = 0.0
                for o in 0..<l.outer {
                    let off = (o * l.channels + c) * l.inner
                    let (a, b) = VectorMath.gradientSums(x: x + off, dy: dy + off, mask: mask.map { $0 + off }, l.inner, mu)
                    sdy += a; sdyx += b
                }
                let sumDy = Float(sdy), sumDyXhat = Float(sdyx) * inv
                dgamma?[c] += sumDyXhat
                dbeta?[c] += sumDy
                guard let dx else { continue }
                // dx = (k m) g - (k coef) (x - mu) - k sumDy
                let k = gamma[c] * inv / m, coef = sumDyXhat * inv
                let gScale = k * m, xScale = -k * coef, shift = -k * sumDy
                for o in 0..<l.outer {
                    let off = (o * l.channels + c) * l.inner
                    inputGradient(x + off, dy + off, mask.map { $0 + off }, dx + off, l.inner,
                                  mu, gScale, xScale, shift, overwrite: overwrite)
                }
            }
        }
    }

    /// `dx (=|+=) gScale g + xScale (x - mu) + shift`, `g = dy` masked by `mask > 0` when given: the blocked
    /// kernel's loop with one channel (`lanes` 1), the same operations in the same order.
    @inline(__always)
    static func inputGradient(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ mask: UnsafePointer<Float>?,
                              _ dx: UnsafeMutablePointer<Float>, _ n: Int, _ mu: Float, _ gScale: Float, _ xScale: Float,
                              _ shift: Float, overwrite: Bool) {
        typealias V = VectorMath.V
        inputGradient(x, dy, mask, dx, n, V(repeating: mu), V(repeating: gScale), V(repeating: xScale), V(repeating: shift),
                      1, overwrite)
    }

    static func featureBackward(_ l: BatchNormLayout, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                reluOutput mask: UnsafePointer<Float>?, gamma: UnsafePointer<Float>,
                                mean: UnsafePointer<Float>, invstd: UnsafePointer<Float>,
                                dgamma: UnsafeMutablePointer<Float>?, dbeta: UnsafeMutablePointer<Float>?,
                                dx: UnsafeMutablePointer<Float>?, overwrite: Bool) {
        let c = l.channels, m = Float(l.outer)
        var s1 = [Double](repeating: 0, count: c), s2 = s1
        @inline(__always) func g(_ i: Int) -> Float { mask.map { $0[i] > 0 ? dy[i] : 0 } ?? dy[i] }
        s1.withUnsafeMutableBufferPointer { s1 in
            s2.withUnsafeMutableBufferPointer { s2 in
                for o in 0..<l.outer {
                    for j in 0..<c {
                        let i = o * c + j, gi = g(i)
                        s1[j] += Double(gi); s2[j] += Double(gi * (x[i] - mean[j]))
                    }
                }
                for j in 0..<c {
                    dbeta?[j] += Float(s1[j])
                    dgamma?[j] += Float(s2[j]) * invstd[j]
                }
                guard let dx else { return }
                for o in 0..<l.outer {
                    for j in 0..<c {
                        let i = o * c + j, inv = invstd[j]
                        let k = gamma[j] * inv / m, sumDy = Float(s1[j]), coef = Float(s2[j]) * inv * inv
                        let v = k * (m * g(i) - sumDy - (x[i] - mean[j]) * coef)
                        dx[i] = overwrite ? v : dx[i] + v
                    }
                }
            }
        }
    }
}
