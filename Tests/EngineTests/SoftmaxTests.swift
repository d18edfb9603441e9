import Foundation
import Testing
import Engine

@Test("softmax rows sum to 1 and logSoftmax is its logarithm", arguments: [[1, 3], [4, 5], [2, 3, 4]])
func softmaxForward(shape: [Int]) {
    let x = randomTensor(shape, seed: 31, scale: 3)
    let tape = Tape.inference()
    let p = tape.softmax(x), lp = tape.logSoftmax(x)
    let cols = shape.last!
    for r in 0..<(x.count / cols) {
        let row = (0..<cols).map { Double(x.data[r * cols + $0]) }
        let z = row.map { Foundation.exp($0) }.reduce(0, +)
        for j in 0..<cols {
            #expect(Swift.abs(Double(p.data[r * cols + j]) - Foundation.exp(row[j]) / z) < 1e-6)
            #expect(Swift.abs(Double(lp.data[r * cols + j]) - (row[j] - Foundation.log(z))) < 1e-5)
        }
    }
}

@Test("softmax and logSoftmax gradients match finite differences", arguments: [[1, 3], [4, 5], [2, 3, 4]])
func softmaxGradient(shape: [Int]) {
    let x = randomTensor(shape, seed: 32)
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-3) { tape, t in probe(tape, tape.softmax(t[0])) } < 2e-3)
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-3) { tape, t in probe(tape, tape.logSoftmax(t[0])) } < 2e-3)
}

@Test("softmax of huge logits stays finite")
func softmaxStability() {
    let x = Tensor([1000, 1000, -1e9, 990], shape: [1, 4])
    let p = Tape.inference().softmax(x).array, lp = Tape.inference().logSoftmax(x).array
    #expect(p.allSatisfy { $0.isFinite })
    #expect(Swift.abs(p[0] - p[1]) < 1e-7 && p[2] == 0)
    #expect(lp[2] < -1e8 && lp[0].isFinite)
}
