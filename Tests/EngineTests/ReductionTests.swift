import Foundation
import Testing
import Engine

enum AxisReduction: String, CaseIterable, Sendable {
    case sum, mean, max, logSumExp

    func apply(_ tape: Tape, _ x: Tensor, axis: Int) -> Tensor {
        switch self {
        case .sum: return tape.sum(x, axis: axis)
        case .mean: return tape.mean(x, axis: axis)
        case .max: return tape.reduceMax(x, axis: axis)
        case .logSumExp: return tape.logSumExp(x, axis: axis)
        }
    }

    /// The reduction of `values`, in Double.
    func reference(_ values: [Float]) -> Double {
        let v = values.map(Double.init)
        switch self {
        case .sum: return v.reduce(0, +)
        case .mean: return v.reduce(0, +) / Double(v.count)
        case .max: return v.max()!
        case .logSumExp: return Foundation.log(v.map { Foundation.exp($0) }.reduce(0, +))
        }
    }
}

@Test("axis reductions keep dimensions and match a direct computation",
      arguments: AxisReduction.allCases, [[1, 1], [3, 4], [5, 2], [1, 6]])
func axisReductionForward(kind: AxisReduction, shape: [Int]) {
    let x = randomTensor(shape, seed: 21)
    let rows = shape[0], cols = shape[1]
    for axis in 0...1 {
        let y = kind.apply(Tape.inference(), x, axis: axis)
        #expect(y.shape == (axis == 1 ? [rows, 1] : [1, cols]))
        for k in 0..<y.count {
            let slice = axis == 1 ? (0..<cols).map { x.data[k * cols + $0] } : (0..<rows).map { x.data[$0 * cols + k] }
            #expect(Swift.abs(Double(y.data[k]) - kind.reference(slice)) < 1e-5)
        }
    }
}

@Test("axis reduction gradients match finite differences",
      arguments: AxisReduction.allCases, [[1, 1], [3, 4], [5, 2], [1, 6]])
func axisReductionGradient(kind: AxisReduction, shape: [Int]) {
    for axis in 0...1 {
        let x = randomTensor(shape, seed: 22)
        #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-3) { tape, t in probe(tape, kind.apply(tape, t[0], axis: axis)) } < 2e-3)
    }
}

@Test("sum and mean over all elements", arguments: [[1], [4], [3, 5], [2, 3, 4]])
func reduceAll(shape: [Int]) {
    let x = randomTensor(shape, seed: 23)
    let total = x.array.map(Double.init).reduce(0, +)
    #expect(Tape.inference().sum(x).shape == [1])
    #expect(Swift.abs(Double(Tape.inference().sum(x).item) - total) < 1e-5)
    #expect(Swift.abs(Double(Tape.inference().mean(x).item) - total / Double(x.count)) < 1e-6)
    #expect(GradientCheck.maxError(inputs: [x]) { tape, t in tape.mean(tape.square(t[0])) } < 1e-3)
    #expect(GradientCheck.maxError(inputs: [x]) { tape, t in tape.sum(tape.square(t[0])) } < 1e-3)
}

@Test("logSumExp stays finite for large logits and sends gradient as a softmax")
func logSumExpStability() {
    let x = Tensor([1000, 1001, -1e9, 999], shape: [1, 4], requiresGrad: true)
    let tape = Tape()
    let y = tape.logSumExp(x, axis: 1)
    let want = 1001 + Foundation.log(1 + Foundation.exp(-1.0) + Foundation.exp(-2.0))
    #expect(Swift.abs(Double(y.item) - want) < 1e-4)
    tape.backward(from: tape.sum(y))
    // exp(x - y) with y ≈ 1001.4 carries float32's spacing there (6e-5) as relative error.
    #expect(Swift.abs(x.gradArray.reduce(0, +) - 1) < 1e-4)
    #expect(x.gradArray[2] == 0)
}

@Test("reduceMax sends the gradient to the first maximum only")
func maxTies() {
    let x = Tensor([2, 5, 5, 1], shape: [2, 2], requiresGrad: true)
    let tape = Tape()
    tape.backward(from: tape.sum(tape.reduceMax(x, axis: 1)))
    #expect(x.gradArray == [0, 1, 1, 0])
    x.zeroGrad()
    let tape2 = Tape()
    tape2.backward(from: tape2.sum(tape2.reduceMax(x, axis: 0)))
    #expect(x.gradArray == [0, 1, 1, 0])
}
