import Testing
@testable import Engine

/// The vectorised optimizer updates against the same formulas written as plain scalar loops: the 16-lane
/// blocks and the scalar tail must give bit-identical values for every length, so the block boundary can
/// never change a trajectory.
@Suite struct OptimizerKernelsTests {
    /// Random values, gradients, state and per-value rates (some decays zero, as for excluded biases).
    struct Problem {
        var p: [Float], g: [Float], a: [Float], b: [Float], scale: [Float], decay: [Float]
        init(_ n: Int, seed: UInt64) {
            var rng = RNG(seed: seed)
            func draw(_ lo: Float, _ hi: Float) -> [Float] { (0..<n).map { _ in rng.uniform(lo, hi) } }
            p = draw(-1, 1); g = draw(-0.5, 0.5); a = draw(-0.1, 0.1); b = draw(0, 0.01)
            scale = draw(0.5, 2); decay = (0..<n).map { $0 % 3 == 0 ? 0 : 1 }
        }

        func withRates(_ k: Float, _ body: (OptimizerKernels.Rates) -> Void) {
            scale.withUnsafeBufferPointer { s in
                decay.withUnsafeBufferPointer { d in body(.init(scale: s.baseAddress!, decay: d.baseAddress!, decayFactor: k)) }
            }
        }
    }

    static let lengths = [1, 15, 16, 17, 33, 100]

    @Test("Adam and AdamW: 16-lane blocks equal the scalar formula bit for bit", arguments: lengths, [false, true])
    func adamMatchesScalar(n: Int, decoupled: Bool) {
        let x = Problem(n, seed: UInt64(n))
        var ref = x, p = x.p, m = x.a, v = x.b
        let (lr, b1, b2, eps, k): (Float, Float, Float, Float, Float) = (0.01, 0.9, 0.999, 1e-8, 0.05)
        for t in 1...3 {
            let c1 = 1 - Float(Double(b1).power(t)), rootC2 = (1 - Float(Double(b2).power(t))).squareRoot()
            x.withRates(k) {
                OptimizerKernels.adam(n, p: &p, g: x.g, m: &m, v: &v, rates: $0, lr: lr, beta1: b1, beta2: b2, eps: eps,
                                      c1: c1, rootC2: rootC2, decoupled: decoupled)
            }
            for i in 0..<n {
                let lri = lr * ref.scale[i]
                var gi = ref.g[i]
                if decoupled { ref.p[i] *= 1 - lri * k * ref.decay[i] } else { gi += k * ref.decay[i] * ref.p[i] }
                ref.a[i] = b1 * ref.a[i] + (1 - b1) * gi
                ref.b[i] = b2 * ref.b[i] + (1 - b2) * gi * gi
                ref.p[i] -= (lri / c1) * ref.a[i] / (ref.b[i].squareRoot() / rootC2 + eps)
            }
        }
        #expect(p == ref.p && m == ref.a && v == ref.b)
        #expect(p != x.p)  // the update moved the values
    }

    @Test("SGD with and without Nesterov: 16-lane blocks equal the scalar formula bit for bit", arguments: lengths, [false, true])
    func sgdMatchesScalar(n: Int, nesterov: Bool) {
        let x = Problem(n, seed: UInt64(n) + 100)
        var ref = x, p = x.p, u = x.a
        let (lr, mu, k): (Float, Float, Float) = (0.1, 0.9, 5e-4)
        for _ in 1...3 {
            x.withRates(k) { OptimizerKernels.sgd(n, p: &p, g: x.g, velocity: &u, rates: $0, lr: lr, momentum: mu, nesterov: nesterov) }
            for i in 0..<n {
                let gi = ref.g[i] + k * ref.decay[i] * ref.p[i]
                ref.a[i] = mu * ref.a[i] + gi
                ref.p[i] -= lr * ref.scale[i] * (nesterov ? gi + mu * ref.a[i] : ref.a[i])
            }
        }
        #expect(p == ref.p && u == ref.a)
        #expect(p != x.p)
    }

    @Test("No rate scale (a store without groups) equals a scale of 1 for every value", arguments: lengths)
    func missingScaleIsOne(n: Int) {
        let x = Problem(n, seed: UInt64(n) + 200), ones = [Float](repeating: 1, count: n)
        func update(_ scale: UnsafePointer<Float>?) -> [Float] {
            var p = x.p, m = x.a, v = x.b, u = x.a
            x.decay.withUnsafeBufferPointer { d in
                let rates = OptimizerKernels.Rates(scale: scale, decay: d.baseAddress!, decayFactor: 0.05)
                OptimizerKernels.adam(n, p: &p, g: x.g, m: &m, v: &v, rates: rates, lr: 0.01, beta1: 0.9, beta2: 0.999,
                                      eps: 1e-8, c1: 0.1, rootC2: 0.0316, decoupled: false)
                OptimizerKernels.sgd(n, p: &p, g: x.g, velocity: &u, rates: rates, lr: 0.1, momentum: 0.9, nesterov: true)
            }
            return p + m + v + u
        }
        let withOnes = ones.withUnsafeBufferPointer { update($0.baseAddress!) }
        #expect(update(nil) == withOnes)
        #expect(withOnes != x.p + x.a + x.b + x.a)
    }
}

private extension Double {
    func power(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * self } }
}
