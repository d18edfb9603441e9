import Foundation
import Testing
import Engine

@Test func laplaceKLValues() {
    // KL of a distribution to itself is 0; the closed form matches a numerical integral of q ln(q/p).
    let tape = Tape.inference()
    let same = tape.laplaceKL(shiftQ: Tensor([0.3], shape: [1, 1]), logScaleQ: Tensor([-1], shape: [1, 1]),
                              shiftP: Tensor([0.3], shape: [1, 1]), logScaleP: Tensor([-1], shape: [1, 1]))
    #expect(abs(same.item) < 1e-6)
    let (mq, bq, mp, bp) = (0.2, 0.5, -0.3, 1.2)
    var integral = 0.0
    let h = 1e-3
    for k in -20_000...20_000 {
        let x = Double(k) * h
        let q = Foundation.exp(-Swift.abs(x - mq) / bq) / (2 * bq), p = Foundation.exp(-Swift.abs(x - mp) / bp) / (2 * bp)
        integral += q * Foundation.log(q / p) * h
    }
    let kl = tape.laplaceKL(shiftQ: Tensor([Float(mq)], shape: [1, 1]), logScaleQ: Tensor([Float(Foundation.log(bq))], shape: [1, 1]),
                            shiftP: Tensor([Float(mp)], shape: [1, 1]), logScaleP: Tensor([Float(Foundation.log(bp))], shape: [1, 1]))
    #expect(abs(Double(kl.item) - integral) < 1e-4)
}

@Test("laplaceKL gradients match finite differences", arguments: [(2, 3), (4, 8)])
func laplaceKLGradient(n: Int, m: Int) {
    let inputs = (0..<4).map { randomTensor([n, m], seed: 100 + UInt64($0), scale: 0.5) }
    // Keep |μq − μp| away from the kink of |·| at 0.
    for i in 0..<inputs[0].count where abs(inputs[0].data[i] - inputs[2].data[i]) < 0.05 { inputs[0].data[i] += 0.1 }
    #expect(GradientCheck.maxError(inputs: inputs, epsilon: 1e-3) { tape, t in
        probe(tape, tape.laplaceKL(shiftQ: t[0], logScaleQ: t[1], shiftP: t[2], logScaleP: t[3]))
    } < 2e-3)
}
