import Contrastive
import Engine
import Foundation
import Testing

struct HardNegativeTests {
    static let variants: [HardNegative] = [
        HardNegative(), HardNegative(temperature: 0.2, tauPlus: 0.05, beta: 0.5), HardNegative(tauPlus: 0.1, beta: 0),
        HardNegative(temperature: 0.5, tauPlus: 0, beta: 2),
    ]

    /// Inputs where no row's debiased estimate is near the floor `M e^{-1/τ}`: finite differences across that
    /// kink would disagree with either one-sided derivative (with 4 images and τ⁺ = 0.1 some row sits on it).
    @Test("gradient matches finite differences", arguments: variants)
    func gradient(loss: HardNegative) {
        #expect(lossGradientError(loss, n: 6, d: 5, seed: 41) < 2e-3)
        #expect(lossGradientError(loss, n: 8, d: 16, seed: 42) < 2e-3)
    }

    @Test("gradient descent on the embeddings lowers the loss", arguments: variants)
    func descentLowersLoss(loss: HardNegative) {
        let (before, after) = descend(loss)
        #expect(after < before - 0.1, "loss \(before) → \(after)")
    }

    @Test("β = 0 and τ⁺ = 0 is NT-Xent", arguments: [Float(0.5), 0.2, 0.1, 1])
    func reducesToNTXent(temperature: Float) {
        for (n, d, seed) in [(4, 3, UInt64(43)), (12, 16, 44)] {
            let (x, y) = randomViews(n: n, d: d, seed: seed)
            let hard = lossValue(HardNegative(temperature: temperature, tauPlus: 0, beta: 0), [x, y])
            let ntXent = lossValue(InfoNCE(temperature: temperature), [x, y])
            #expect(abs(hard - ntXent) < 1e-5 * max(1, abs(ntXent)), "\(hard) vs NT-Xent \(ntXent)")
        }
    }

    @Test("β = 0 is the debiased loss of Chuang et al.; it falls to NT-Xent as τ⁺ → 0", arguments: [Float(0.1), 0.05])
    func reducesToDebiased(tauPlus: Float) {
        let n = 6, d = 4, tau: Float = 0.5
        let (x, y) = randomViews(n: n, d: d, seed: 45)
        let value = Double(lossValue(HardNegative(temperature: tau, tauPlus: tauPlus, beta: 0), [x, y]))
        // Chuang et al. (NeurIPS 2020), Eq. 7 with M = 2N - 2 in-batch negatives, written out in Double.
        let z = Self.normalisedRows(x, y)
        let t = Double(tau), p = Double(tauPlus), m = Double(2 * n - 2)
        var total = 0.0
        for r in 0..<2 * n {
            let partner = r < n ? r + n : r - n
            let sim = { (k: Int) in Foundation.exp(zip(z[r], z[k]).map(*).reduce(0, +) / t) }
            let negatives = (0..<2 * n).filter { $0 != r && $0 != partner }.map(sim).reduce(0, +)
            let ng = max((negatives - p * m * sim(partner)) / (1 - p), m * Foundation.exp(-1 / t))
            total -= Foundation.log(sim(partner) / (sim(partner) + ng))
        }
        #expect(abs(value - total / Double(2 * n)) < 1e-5 * max(1, abs(value)))
        let ntXent = lossValue(InfoNCE(temperature: tau), [x, y])
        #expect(Float(value) < ntXent, "debiasing removes part of the negatives' mass")
    }

    @Test("larger β weighs the harder negatives more and raises the loss")
    func betaRaisesTheLoss() {
        let (x, y) = randomViews(n: 8, d: 6, seed: 46)
        let values = [Float(0), 0.5, 1, 2].map { lossValue(HardNegative(tauPlus: 0, beta: $0), [x, y]) }
        for (lower, higher) in zip(values, values.dropFirst()) { #expect(lower < higher, "\(values)") }
    }

    @Test("below the floor the negatives' estimate is M e^{-1/τ}: equal views, orthonormal images, large τ⁺")
    func floorHoldsTheEstimate() {
        let n = 3, tau: Float = 0.5
        var rows = [Float](repeating: 0, count: n * n)
        for i in 0..<n { rows[i * n + i] = 1 }
        let x = Tensor(rows, shape: [n, n]), y = Tensor(rows, shape: [n, n])
        // pos = e^{1/τ}, each of M = 4 negatives e^0: (4 - 0.5·4·e²)/0.5 < 0, so Ng = 4 e^{-2}.
        let expected = Foundation.log(1 + 4 * Foundation.exp(-4.0))
        let value = lossValue(HardNegative(temperature: tau, tauPlus: 0.5, beta: 1), [x, y])
        #expect(abs(Double(value) - expected) < 1e-6, "\(value) vs \(expected)")
    }

    @Test("no exponential overflows at a small temperature")
    func smallTemperatureIsFinite() {
        let (x, y) = randomViews(n: 8, d: 6, seed: 47)
        let value = lossValue(HardNegative(temperature: 0.03, tauPlus: 0.1, beta: 3), [x, y])
        #expect(value.isFinite && value >= 0)
    }

    static func normalisedRows(_ x: Tensor, _ y: Tensor) -> [[Double]] {
        let d = x.shape[1], raw = (x.array + y.array).map(Double.init)
        return (0..<raw.count / d).map { i in
            let r = Array(raw[i * d..<(i + 1) * d]); let norm = r.map { $0 * $0 }.reduce(0, +).squareRoot()
            return r.map { $0 / norm }
        }
    }
}

extension HardNegative: CustomTestStringConvertible {
    public var testDescription: String { "τ=\(temperature) τ⁺=\(tauPlus) β=\(beta)" }
}
