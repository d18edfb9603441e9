/// The element-wise updates of the optimizers over a flat parameter store, 16 lanes at a time.
///
/// LLVM leaves the scalar loops unvectorised: with five or six buffers (values, gradients, state, per-value
/// rate scale and decay) its runtime alias checks exceed its budget, so each value took a dependent scalar
/// `sqrtss`/`divss` chain. The arithmetic per element is the scalar loop's, in the same order (no fused
/// multiply-adds), so results do not depend on where a block boundary falls.
public enum OptimizerKernels {
    typealias V = SIMD16<Float>

    /// Per-value rate scale and decay of an update: `lr · scale[i]` (nil: 1 for every value, so a store without
    /// parameter groups needs no array of ones) and `decayFactor · decay[i]`.
    public struct Rates {
        public var scale: UnsafePointer<Float>?
        public var decay: UnsafePointer<Float>
        public var decayFactor: Float
        public init(scale: UnsafePointer<Float>?, decay: UnsafePointer<Float>, decayFactor: Float) {
            self.scale = scale; self.decay = decay; self.decayFactor = decayFactor
        }
    }

    /// Adam (`decoupled`: AdamW) in PyTorch's arithmetic, with `c1 = 1 − β1ᵗ`, `rootC2 = √(1 − β2ᵗ)`:
    /// `g' = g + λ p` (Adam) or `p ← p (1 − lr λ)` (AdamW); `m ← β1 m + (1−β1) g'`, `v ← β2 v + (1−β2) g'²`,
    /// `p ← p − (lr / c1) · m / (√v / rootC2 + ε)`. All buffers `(n)`.
    public static func adam(_ n: Int, p: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>,
                            m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, rates: Rates, lr: Float,
                            beta1 b1: Float, beta2 b2: Float, eps: Float, c1: Float, rootC2: Float, decoupled: Bool) {
        let d = rates.decay, k = rates.decayFactor
        @inline(__always) func lanes(_ i: Int) {
            let lri = V(repeating: lr) * rates.scale(lanes: i)
            var pi = load(p + i), gi = load(g + i)
            if decoupled { pi *= V(repeating: 1) - lri * V(repeating: k) * load(d + i) } else { gi += V(repeating: k) * load(d + i) * pi }
            let mi = V(repeating: b1) * load(m + i) + V(repeating: 1 - b1) * gi
            let vi = V(repeating: b2) * load(v + i) + V(repeating: 1 - b2) * gi * gi
            pi -= (lri / V(repeating: c1)) * mi / (vi.squareRoot() / V(repeating: rootC2) + V(repeating: eps))
            store(mi, m + i); store(vi, v + i); store(pi, p + i)
        }
        @inline(__always) func one(_ i: Int) {
            let lri = lr * rates.scale(i)
            var gi = g[i]
            if decoupled { p[i] *= 1 - lri * k * d[i] } else { gi += k * d[i] * p[i] }
            m[i] = b1 * m[i] + (1 - b1) * gi
            v[i] = b2 * v[i] + (1 - b2) * gi * gi
            p[i] -= (lri / c1) * m[i] / (v[i].squareRoot() / rootC2 + eps)
        }
        var i = 0
        while i + 16 <= n { lanes(i); i += 16 }
        while i < n { one(i); i += 1 }
    }

    /// SGD with momentum `mu` in PyTorch's form: `g' = g + λ p`, `u ← mu u + g'`,
    /// `p ← p − lr · (nesterov ? g' + mu u : u)`. All buffers `(n)`.
    public static func sgd(_ n: Int, p: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>,
                           velocity u: UnsafeMutablePointer<Float>, rates: Rates, lr: Float, momentum mu: Float,
                           nesterov: Bool) {
        let d = rates.decay, k = rates.decayFactor
        var i = 0
        while i + 16 <= n {
            let pi = load(p + i)
            let gi = load(g + i) + V(repeating: k) * load(d + i) * pi
            let ui = V(repeating: mu) * load(u + i) + gi
            let lri = V(repeating: lr) * rates.scale(lanes: i)
            store(ui, u + i)
            store(pi - lri * (nesterov ? gi + V(repeating: mu) * ui : ui), p + i)
            i += 16
        }
        while i < n {
            let gi = g[i] + k * d[i] * p[i]
            u[i] = mu * u[i] + gi
            p[i] -= lr * rates.scale(i) * (nesterov ? gi + mu * u[i] : u[i])
            i += 1
        }
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> V { VectorMath.load(p) }
    @inline(__always) static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) { VectorMath.store(v, p) }
}

extension OptimizerKernels.Rates {
    @inline(__always) func scale(_ i: Int) -> Float { scale?[i] ?? 1 }
    @inline(__always) func scale(lanes i: Int) -> OptimizerKernels.V {
        scale.map { OptimizerKernels.load($0 + i) } ?? OptimizerKernels.V(repeating: 1)
    }
}
