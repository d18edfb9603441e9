import Testing
import Engine

/// A pair of operand shapes for a broadcasting binary op.
struct BroadcastCase: Sendable, CustomTestStringConvertible {
    var a: [Int], b: [Int]
    var testDescription: String { "\(a) ∘ \(b)" }
}

enum BinaryOp: String, CaseIterable, Sendable {
    case add, sub, mul, div

    func apply(_ tape: Tape, _ a: Tensor, _ b: Tensor) -> Tensor {
        switch self {
        case .add: return tape.add(a, b)
        case .sub: return tape.sub(a, b)
        case .mul: return tape.mul(a, b)
        case .div: return tape.div(a, b)
        }
    }

    func reference(_ a: Float, _ b: Float) -> Float {
        switch self {
        case .add: return a + b
        case .sub: return a - b
        case .mul: return a * b
        case .div: return a / b
        }
    }
}

let broadcastCases: [BroadcastCase] = [
    .init(a: [3, 4], b: [3, 4]), .init(a: [2, 3, 2], b: [2, 3, 2]),
    .init(a: [3, 4], b: [1]), .init(a: [1], b: [3, 4]), .init(a: [1, 1], b: [2, 3]),
    .init(a: [3, 4], b: [1, 4]), .init(a: [1, 4], b: [3, 4]), .init(a: [3, 4], b: [4]),
    .init(a: [3, 4], b: [3, 1]), .init(a: [3, 1], b: [3, 4]),
    .init(a: [3, 1], b: [1, 4]),
]

/// Element `(i, j)` of `t` under NumPy broadcasting to `(rows, cols)`, computed from the shape alone.
private func broadcastValue(_ t: Tensor, _ i: Int, _ j: Int, rows: Int, cols: Int) -> Float {
    if t.count == 1 { return t.data[0] }
    let s = t.shape.count == 1 ? [1, t.shape[0]] : (t.shape.count == 2 ? t.shape : [1, t.count])
    let r = s[0] == 1 ? 0 : i, c = s[1] == 1 ? 0 : j
    return t.data[r * s[1] + c]
}

/// Values bounded away from zero, so division stays well conditioned.
private func awayFromZero(_ shape: [Int], seed: UInt64) -> Tensor {
    let t = randomTensor(shape, seed: seed)
    for i in 0..<t.count { t.data[i] = t.data[i] >= 0 ? t.data[i] + 0.5 : t.data[i] - 0.5 }
    return t
}

@Test("binary ops broadcast like NumPy", arguments: BinaryOp.allCases, broadcastCases)
func binaryForward(op: BinaryOp, shapes: BroadcastCase) throws {
    let a = randomTensor(shapes.a, seed: 1), b = awayFromZero(shapes.b, seed: 2)
    let y = op.apply(Tape.inference(), a, b)
    let (_, shape) = try #require(BroadcastLayout.make(shapes.a, shapes.b))
    #expect(y.shape == shape)
    let cols = shape.count == 2 ? shape[1] : y.count, rows = y.count / cols
    for i in 0..<rows {
        for j in 0..<cols {
            let want = op.reference(broadcastValue(a, i, j, rows: rows, cols: cols), broadcastValue(b, i, j, rows: rows, cols: cols))
            #expect(y.data[i * cols + j] == want)
        }
    }
}

@Test("binary op gradients (summed over broadcast axes) match finite differences",
      arguments: BinaryOp.allCases, broadcastCases)
func binaryGradient(op: BinaryOp, shapes: BroadcastCase) {
    let a = awayFromZero(shapes.a, seed: 3), b = awayFromZero(shapes.b, seed: 4)
    let error = GradientCheck.maxError(inputs: [a, b], epsilon: 1e-3) { tape, t in probe(tape, op.apply(tape, t[0], t[1])) }
    #expect(error < 2e-3)
}

@Test("one operand may be a constant; the same tensor may be both operands")
func binaryPartialAndAliasedGradients() {
    let a = randomTensor([3, 4], seed: 5, scale: 1)
    let c = randomTensor([1, 4], seed: 6)  // requiresGrad stays false
    let tape = Tape()
    a.requiresGrad = true
    tape.backward(from: tape.sum(tape.mul(tape.mul(a, c), a)))  // Σ c_j a_ij²
    for i in 0..<3 { for j in 0..<4 { #expect(abs(a.gradArray[i * 4 + j] - 2 * c.data[j] * a.data[i * 4 + j]) < 1e-5) } }
    #expect(c.grad == nil)
}

@Test("shapes that do not broadcast are rejected", arguments: [([3, 4], [4, 3]), ([3, 4], [2, 4]), ([2, 3, 4], [3, 4])])
func incompatibleShapes(a: [Int], b: [Int]) {
    #expect(BroadcastLayout.make(a, b) == nil)
}

@Test("tensors large enough to run on several cores give the serial result",
      arguments: [BroadcastCase(a: [600, 300], b: [1, 300]), BroadcastCase(a: [600, 300], b: [600, 1]),
                  BroadcastCase(a: [600, 300], b: [1]), BroadcastCase(a: [600, 300], b: [600, 300])])
func binaryLarge(shapes: BroadcastCase) {
    let a = randomTensor(shapes.a, seed: 7), b = randomTensor(shapes.b, seed: 8)
    let tape = Tape(context: EngineContext(workers: 2))  // several workers: the split must not change a bit
    a.requiresGrad = true; b.requiresGrad = true
    let y = tape.mul(a, b)
    tape.backward(from: tape.sum(y))
    let rows = 600, cols = 300
    var wantB = [Double](repeating: 0, count: b.count)
    var valueMismatches = 0, gradientMismatches = 0
    let ga = a.gradArray
    for i in 0..<rows {
        for j in 0..<cols {
            let vb = broadcastValue(b, i, j, rows: rows, cols: cols)
            if y.data[i * cols + j] != a.data[i * cols + j] * vb { valueMismatches += 1 }
            if ga[i * cols + j] != vb { gradientMismatches += 1 }
            let k = b.count == 1 ? 0 : (shapes.b == [1, 300] ? j : (shapes.b == [600, 1] ? i : i * cols + j))
            wantB[k] += Double(a.data[i * cols + j])
        }
    }
    #expect(valueMismatches == 0 && gradientMismatches == 0)
    let gb = b.gradArray
    let worst = (0..<b.count).map { Swift.abs(Double(gb[$0]) - wantB[$0]) / max(1, Swift.abs(wantB[$0])) }.max()!
    #expect(worst < 1e-3)
}
