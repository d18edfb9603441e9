import Contrastive
import Engine
import Foundation
import Testing

struct ContrastiveUniformTests {
    @Test("gradient matches finite differences",
          arguments: [ContrastiveUniform(), ContrastiveUniform(contrastiveWeight: 0.5, uniformWeight: 0, temperature: 0.19, t: 2)])
    func gradient(loss: ContrastiveUniform) {
        #expect(lossGradientError(loss, n: 6, d: 5, seed: 41) < 2e-3)
        #expect(lossGradientError(loss, n: 10, d: 16, seed: 42) < 2e-3)
    }

    @Test("gradient descent on the embeddings lowers the loss")
    func descentLowersLoss() {
        let (before, after) = descend(ContrastiveUniform(), lr: 0.3)
        #expect(after < before - 0.1, "loss \(before) → \(after)")
    }

    @Test("L_contrastive takes negatives from the other view only, so it differs from NT-Xent")
    func differsFromNTXent() {
        let n = 5, d = 3, tau: Float = 0.5
        let (x, y) = randomViews(n: n, d: d, seed: 43)
        func unit(_ t: Tensor, _ i: Int) -> [Double] {
            let r = (0..<d).map { Double(t.data[i * d + $0]) }; let norm = r.map { $0 * $0 }.reduce(0, +).squareRoot()
            return r.map { $0 / norm }
        }
        func s(_ a: Tensor, _ i: Int, _ b: Tensor, _ j: Int) -> Double { zip(unit(a, i), unit(b, j)).map(*).reduce(0, +) / Double(tau) }
        var total = 0.0
        for i in 0..<n {
            total += Foundation.log((0..<n).map { Foundation.exp(s(x, i, y, $0)) }.reduce(0, +)) - s(x, i, y, i)
            total += Foundation.log((0..<n).map { Foundation.exp(s(y, i, x, $0)) }.reduce(0, +)) - s(y, i, x, i)
        }
        let contrastiveOnly = ContrastiveUniform(contrastiveWeight: 1, uniformWeight: 0, temperature: tau, t: 2)
        let value = Double(lossValue(contrastiveOnly, [x, y]))
        #expect(abs(value - total / Double(2 * n)) < 1e-5)
        #expect(abs(value - Double(lossValue(InfoNCE(temperature: tau), [x, y]))) > 0.05)
    }

    @Test("symmetric in the two views")
    func symmetric() {
        let (x, y) = randomViews(n: 6, d: 4, seed: 44)
        #expect(abs(lossValue(ContrastiveUniform(), [x, y]) - lossValue(ContrastiveUniform(), [y, x])) < 1e-5)
    }
}

extension ContrastiveUniform: CustomTestStringConvertible {
    public var testDescription: String { "w_c=\(contrastiveWeight) w_u=\(uniformWeight) τ=\(temperature) t=\(t)" }
}
