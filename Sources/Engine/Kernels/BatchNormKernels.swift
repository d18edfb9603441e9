/// Batch normalisation over a tensor viewed as `(outer, C, inner)`: statistics per channel `c` over
/// `outer * inner` values. `(C, N, H, W)` images are `(1, C, N*H*W)`; `(N, F)` features are `(N, F, 1)`.
public struct BatchNormLayout: Sendable {
    public var outer, channels, inner: Int
    public var perChannel: Int { outer * inner }
    public init(outer: Int, channels: Int, inner: Int) { self.outer = outer; self.channels = channels; self.inner = inner }
}

public enum BatchNormKernel {
    /// Training forward: `y = gamma * (x - mean) * invstd + beta` with batch statistics (biased
    /// variance, as PyTorch normalises); returns per-channel `mean` and `invstd` and the biased variance.
    public static func forwardTrain(_ l: BatchNormLayout, x: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                                    beta: UnsafePointer<Float>, eps: Float, y: UnsafeMutablePointer<Float>,
                                    mean: UnsafeMutablePointer<Float>, invstd: UnsafeMutablePointer<Float>,
                                    variance: UnsafeMutablePointer<Float>) {
        nonisolated(unsafe) let x = x, y = y, gamma = gamma, beta = beta, mean = mean, invstd = invstd, variance = variance
        let m = Double(l.perChannel)
        Parallel.forRange(l.channels, minimumWork: 1 << 14, work: l.perChannel * 4) { cs in
            for c in cs {
                var s = 0.0
                for o in 0..<l.outer {
                    let p = x + (o * l.channels + c) * l.inner
                    var part: Float = 0
                    for i in 0..<l.inner { part += p[i] }
                    s += Double(part)
                }
                let mu = s / m
                var ss = 0.0
                for o in 0..<l.outer {
                    let p = x + (o * l.channels + c) * l.inner
                    var part: Float = 0
                    let muf = Float(mu)
                    for i in 0..<l.inner { let d = p[i] - muf; part += d * d }
                    ss += Double(part)
                }
                let v = ss / m
                let inv = Float(1 / (v + Double(eps)).squareRoot())
                mean[c] = Float(mu); invstd[c] = inv; variance[c] = Float(v)
                let a = gamma[c] * inv, b = beta[c] - Float(mu) * a
                for o in 0..<l.outer {
                    let p = x + (o * l.channels + c) * l.inner, q = y + (o * l.channels + c) * l.inner
                    for i in 0..<l.inner { q[i] = p[i] * a + b }
                }
            }
        }
    }

    /// Evaluation forward with running statistics.
    public static func forwardEval(_ l: BatchNormLayout, x: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                                   beta: UnsafePointer<Float>, runningMean: UnsafePointer<Float>,
                                   runningVar: UnsafePointer<Float>, eps: Float, y: UnsafeMutablePointer<Float>) {
        for c in 0..<l.channels {
            let a = gamma[c] / (runningVar[c] + eps).squareRoot(), b = beta[c] - runningMean[c] * a
            for o in 0..<l.outer {
                let p = x + (o * l.channels + c) * l.inner, q = y + (o * l.channels + c) * l.inner
                for i in 0..<l.inner { q[i] = p[i] * a + b }
            }
        }
    }

    /// Training backward: accumulates `dgamma`, `dbeta` and, when given, `dx`
    /// (`dx = gamma * invstd / M * (M dy - sum dy - xhat * sum(dy xhat))`).
    public static func backward(_ l: BatchNormLayout, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                gamma: UnsafePointer<Float>, mean: UnsafePointer<Float>, invstd: UnsafePointer<Float>,
                                dgamma: UnsafeMutablePointer<Float>?, dbeta: UnsafeMutablePointer<Float>?,
                                dx: UnsafeMutablePointer<Float>?) {
        nonisolated(unsafe) let x = x, dy = dy, gamma = gamma, mean = mean, invstd = invstd
        nonisolated(unsafe) let dgamma = dgamma, dbeta = dbeta, dx = dx
        let m = Float(l.perChannel)
        Parallel.forRange(l.channels, minimumWork: 1 << 14, work: l.perChannel * 4) { cs in
            for c in cs {
                let mu = mean[c], inv = invstd[c]
                var sdy = 0.0, sdyx = 0.0
                for o in 0..<l.outer {
                    let p = x + (o * l.channels + c) * l.inner, g = dy + (o * l.channels + c) * l.inner
                    var a: Float = 0, b: Float = 0
                    for i in 0..<l.inner { a += g[i]; b += g[i] * (p[i] - mu) }
                    sdy += Double(a); sdyx += Double(b)
                }
                let sumDy = Float(sdy), sumDyXhat = Float(sdyx) * inv
                dgamma?[c] += sumDyXhat
                dbeta?[c] += sumDy
                guard let dx else { continue }
                let k = gamma[c] * inv / m
                let meanDy = sumDy, coef = sumDyXhat * inv
                for o in 0..<l.outer {
                    let p = x + (o * l.channels + c) * l.inner, g = dy + (o * l.channels + c) * l.inner
                    let q = dx + (o * l.channels + c) * l.inner
                    for i in 0..<l.inner { q[i] += k * (m * g[i] - meanDy - (p[i] - mu) * coef) }
                }
            }
        }
    }
}
