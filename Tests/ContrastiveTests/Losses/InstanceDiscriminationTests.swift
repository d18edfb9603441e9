import Contrastive
import Engine
import Testing
import Foundation

struct InstanceDiscriminationTests {
    func input(n: Int = 4, d: Int = 5, m: Int = 20, perRow: Int = 6, seed: UInt64 = 2) -> LossInput {
        let (q, _) = randomViews(n: n, d: d, seed: seed)
        return LossInput(views: [q], indices: Array(stride(from: 1, to: 1 + 3 * n, by: 3)), negatives: unitRows(m, d, seed: seed + 7),
                         draws: randomDraws(n, perRow, seed: seed))
    }

    @Test("gradient matches finite differences", arguments: [Float(0.07), 0.5])
    func gradient(temperature: Float) {
        #expect(memoryLossGradientError(InstanceDiscrimination(temperature: temperature), input()) < 2e-3)
    }

    @Test("gradient descent on the queries lowers the loss")
    func descent() {
        let (before, after) = descendMemoryLoss(InstanceDiscrimination(temperature: 0.2), input())
        #expect(after < before - 0.1, "loss \(before) → \(after)")
    }

    @Test("a draw is read modulo the bank size, so draws r and r + M pick the same row")
    func drawsWrap() {
        var a = input(), b = a
        b.draws = a.draws!.map { $0 + a.negatives!.shape[0] * 3 }
        #expect(InstanceDiscrimination()(a, tape: .inference()).item == InstanceDiscrimination()(b, tape: .inference()).item)
    }

    @Test("the positive is the image's own bank row: drawing only that row leaves a loss of log k")
    func ownRowOnly() {
        var inp = input(n: 3, perRow: 4)
        inp.draws = (0..<3).flatMap { r in Array(repeating: inp.indices![r], count: 4) }
        #expect(abs(InstanceDiscrimination()(inp, tape: .inference()).item - Float(Foundation.log(5.0))) < 1e-5)
    }
}
