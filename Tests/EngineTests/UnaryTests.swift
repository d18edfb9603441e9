import Foundation
import Testing
import Engine

enum UnaryOp: String, CaseIterable, Sendable {
    case exp, log, pow3, powHalf, sqrt, abs, neg, scale, addScalar, square

    func apply(_ tape: Tape, _ x: Tensor) -> Tensor {
        switch self {
        case .exp: return tape.exp(x)
        case .log: return tape.log(x)
        case .pow3: return tape.pow(x, 3)
        case .powHalf: return tape.pow(x, 0.5)
        case .sqrt: return tape.sqrt(x)
        case .abs: return tape.abs(x)
        case .neg: return tape.neg(x)
        case .scale: return tape.scale(x, by: -2.5)
        case .addScalar: return tape.add(x, scalar: 1.75)
        case .square: return tape.square(x)
        }
    }

    func reference(_ v: Float) -> Float {
        switch self {
        case .exp: return Foundation.exp(v)
        case .log: return Foundation.log(v)
        case .pow3: return Foundation.pow(v, 3)
        case .powHalf: return Foundation.pow(v, 0.5)
        case .sqrt: return v.squareRoot()
        case .abs: return Swift.abs(v)
        case .neg: return -v
        case .scale: return -2.5 * v
        case .addScalar: return v + 1.75
        case .square: return v * v
        }
    }

    /// log, sqrt and fractional powers need positive inputs; the others see both signs.
    var positiveDomain: Bool { [.log, .powHalf, .sqrt].contains(self) }
}

private func input(_ op: UnaryOp, _ shape: [Int]) -> Tensor {
    let x = randomTensor(shape, seed: 11)
    for i in 0..<x.count {
        // Keep |x| ≥ 0.3 so |x| and the positive-domain ops are smooth within the finite-difference step.
        let v = x.data[i] >= 0 ? x.data[i] + 0.3 : x.data[i] - 0.3
        x.data[i] = op.positiveDomain ? Swift.abs(v) : v
    }
    return x
}

@Test("unary ops compute their function elementwise", arguments: UnaryOp.allCases, [[7], [3, 4], [2, 2, 3]])
func unaryForward(op: UnaryOp, shape: [Int]) {
    let x = input(op, shape)
    let y = op.apply(Tape.inference(), x)
    #expect(y.shape == shape)
    for i in 0..<x.count { #expect(Swift.abs(y.data[i] - op.reference(x.data[i])) <= 1e-6 * max(1, Swift.abs(y.data[i]))) }
}

@Test("unary op gradients match finite differences", arguments: UnaryOp.allCases, [[7], [3, 4], [2, 2, 3]])
func unaryGradient(op: UnaryOp, shape: [Int]) {
    let x = input(op, shape)
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-3) { tape, t in probe(tape, op.apply(tape, t[0])) } < 2e-3)
}
