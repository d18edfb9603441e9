import Contrastive
import Engine
import Foundation
import Testing

struct InfoNCETests {
    @Test("gradient matches finite differences", arguments: [(0.5, 4, 3), (0.5, 8, 16), (0.1, 6, 5)])
    func gradient(temperature: Float, n: Int, d: Int) {
        #expect(lossGradientError(InfoNCE(temperature: temperature), n: n, d: d, seed: 7) < 2e-3)
    }

    @Test("gradient descent on the embeddings lowers the loss", arguments: [Float(0.5), 0.2])
    func descentLowersLoss(temperature: Float) {
        let (before, after) = descend(InfoNCE(temperature: temperature))
        #expect(after < before - 0.1, "loss \(before) → \(after)")
    }

    @Test("with one image the partner is the only candidate, so the self-mask leaves a loss of 0")
    func selfIsExcluded() {
        let (x, y) = randomViews(n: 1, d: 5, seed: 9)
        #expect(abs(lossValue(InfoNCE(), [x, y])) < 1e-6)
    }

    @Test("rows are normalised first: rescaling any row leaves the loss unchanged")
    func scaleInvariant() {
        let (x, y) = randomViews(n: 6, d: 4, seed: 10)
        let scaled = x.copy()
        for i in 0..<6 { for j in 0..<4 { scaled.data[i * 4 + j] *= Float(i + 1) * 3 } }
        #expect(abs(lossValue(InfoNCE(), [x, y]) - lossValue(InfoNCE(), [scaled, y])) < 1e-5)
    }

    @Test("matches the definition written out with 2N-1 candidates per row")
    func matchesDefinition() {
        let n = 5, d = 3, tau: Float = 0.3
        let (x, y) = randomViews(n: n, d: d, seed: 11)
        let z = (x.array + y.array).map(Double.init)
        func row(_ i: Int) -> [Double] {
            let r = Array(z[i * d..<(i + 1) * d]); let norm = r.map { $0 * $0 }.reduce(0, +).squareRoot()
            return r.map { $0 / norm }
        }
        var total = 0.0
        for i in 0..<2 * n {
            let partner = i < n ? i + n : i - n
            let sims = (0..<2 * n).map { j in zip(row(i), row(j)).map(*).reduce(0, +) / Double(tau) }
            let denominator = (0..<2 * n).filter { $0 != i }.map { Foundation.exp(sims[$0]) }.reduce(0, +)
            total += Foundation.log(denominator) - sims[partner]
        }
        #expect(abs(Double(lossValue(InfoNCE(temperature: tau), [x, y])) - total / Double(2 * n)) < 1e-5)
    }
}
