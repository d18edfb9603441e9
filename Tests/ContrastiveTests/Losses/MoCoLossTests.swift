import Contrastive
import Engine
import Foundation
import Testing

struct MoCoLossTests {
    func input(n: Int = 5, d: Int = 6, k: Int = 12, seed: UInt64 = 1) -> LossInput {
        let (q, key) = randomViews(n: n, d: d, seed: seed)
        return LossInput(views: [q, key], negatives: unitRows(k, d, seed: seed + 100))
    }

    @Test("gradient matches finite differences (query and key)", arguments: [Float(0.07), 0.2, 1])
    func gradient(temperature: Float) {
        #expect(memoryLossGradientError(MoCoLoss(temperature: temperature), input()) < 2e-3)
    }

    @Test("gradient descent on the query and key lowers the loss")
    func descent() {
        let (before, after) = descendMemoryLoss(MoCoLoss(temperature: 0.2), input())
        #expect(after < before - 0.1, "loss \(before) → \(after)")
    }

    @Test("matches the definition written out, positive first and in the denominator")
    func definition() {
        let inp = input(n: 3, d: 4, k: 5, seed: 3)
        let tau = 0.2
        func unit(_ t: Tensor, _ r: Int) -> [Double] {
            let row = (0..<4).map { Double(t.data[r * 4 + $0]) }; let n = row.map { $0 * $0 }.reduce(0, +).squareRoot()
            return row.map { $0 / n }
        }
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map(*).reduce(0, +) }
        var total = 0.0
        for i in 0..<3 {
            let q = unit(inp.views[0], i)
            let logits = [dot(q, unit(inp.views[1], i))] + (0..<5).map { dot(q, unit(inp.negatives!, $0)) }
            total += Foundation.log(logits.map { Foundation.exp($0 / tau) }.reduce(0, +)) - logits[0] / tau
        }
        #expect(abs(Double(MoCoLoss(temperature: Float(tau))(inp, tape: .inference()).item) - total / 3) < 1e-5)
    }
}
