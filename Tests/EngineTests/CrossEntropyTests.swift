import Foundation
import Testing
import Engine

@Test("crossEntropy is the mean negative log-probability of the targets", arguments: [(1, 3), (4, 5), (8, 2)])
func crossEntropyForward(rows: Int, cols: Int) {
    let x = randomTensor([rows, cols], seed: 41, scale: 2)
    let targets = (0..<rows).map { ($0 * 7 + 1) % cols }
    var want = 0.0
    for r in 0..<rows {
        let row = (0..<cols).map { Double(x.data[r * cols + $0]) }
        want += Foundation.log(row.map { Foundation.exp($0) }.reduce(0, +)) - row[targets[r]]
    }
    want /= Double(rows)
    let y = Tape.inference().crossEntropy(x, targets: targets)
    #expect(y.shape == [1])
    #expect(Swift.abs(Double(y.item) - want) < 1e-5)
}

@Test("crossEntropy gradient matches finite differences", arguments: [(1, 3), (4, 5), (8, 2)])
func crossEntropyGradient(rows: Int, cols: Int) {
    let x = randomTensor([rows, cols], seed: 42)
    let targets = (0..<rows).map { ($0 * 3 + 2) % cols }
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-3) { tape, t in
        tape.scale(tape.crossEntropy(t[0], targets: targets), by: 3)
    } < 2e-3)
}

@Test("crossEntropy is stable with a -1e9 mask and large logits")
func crossEntropyStability() {
    let x = Tensor([-1e9, 200, 190, 210, -1e9, 205], shape: [2, 3], requiresGrad: true)
    let tape = Tape()
    let y = tape.crossEntropy(x, targets: [1, 0])
    let want = (Foundation.log(1 + Foundation.exp(-10.0)) + Foundation.log(1 + Foundation.exp(-5.0))) / 2
    #expect(Swift.abs(Double(y.item) - want) < 1e-5)
    tape.backward(from: y)
    #expect(x.gradArray[0] == 0 && x.gradArray[4] == 0)
    #expect(x.gradArray.allSatisfy { $0.isFinite })
}
