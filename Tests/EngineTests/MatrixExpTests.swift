import Foundation
import Testing
import Engine

/// `Fixtures/matrix_exp_reference.json`, written by `scripts/matrix_exp_reference.py` (torch.linalg.matrix_exp).
struct MatrixExpFixture: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String, batch: Int, n: Int
        var a: [Float], r: [Float]
        var value: [Double], grad: [Double]
        var testDescription: String { name }
    }
    var cases: [Case]

    static let shared: MatrixExpFixture? = {
        guard let url = Bundle.module.url(forResource: "matrix_exp_reference", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(MatrixExpFixture.self, from: data)
    }()
}

@Test func matrixExpFixtureLoads() {
    #expect(MatrixExpFixture.shared?.cases.isEmpty == false,
            "Fixtures/matrix_exp_reference.json unreadable; run /usr/bin/python3 scripts/matrix_exp_reference.py")
}

@Test("matrixExp matches torch.linalg.matrix_exp in value and gradient", arguments: MatrixExpFixture.shared?.cases ?? [])
func matrixExpMatchesPyTorch(c: MatrixExpFixture.Case) throws {
    let shape = [c.batch, c.n, c.n]
    let a = Tensor(c.a, shape: shape, requiresGrad: true), r = Tensor(c.r, shape: shape)
    let tape = Tape()
    let y = tape.matrixExp(a)
    let loss = tape.sum(tape.mul(y, r))
    tape.backward(from: loss)
    let scale = max(1, c.value.map { abs($0) }.max() ?? 1), gscale = max(1, c.grad.map { abs($0) }.max() ?? 1)
    let valueError = zip(y.array, c.value).map { abs(Double($0) - $1) }.max() ?? 0
    let gradError = zip(a.gradArray, c.grad).map { abs(Double($0) - $1) }.max() ?? 0
    #expect(valueError / scale < 1e-5)
    #expect(gradError / gscale < 1e-4)
}

@Test func matrixExpOfKnownMatrices() {
    // exp(0) = I; exp of a diagonal matrix is elementwise; exp of [[0, -t], [t, 0]] is the rotation by t.
    let tape = Tape.inference()
    let t: Float = 2.5
    let a = Tensor([0, 0, 0, 0, 1, 0, 0, -2, 0, -t, t, 0], shape: [3, 2, 2])
    let y = tape.matrixExp(a).array
    let expected: [Float] = [1, 0, 0, 1, Float(M_E), 0, 0, Foundation.exp(-2), cos(t), -sin(t), sin(t), cos(t)]
    #expect(zip(y, expected).allSatisfy { abs($0 - $1) < 1e-5 })
}

@Test("matrixExp gradients match finite differences", arguments: [(1, 2, Float(0.3)), (3, 4, 1), (2, 6, 3)])
func matrixExpGradient(batch: Int, n: Int, scale: Float) {
    let a = randomTensor([batch, n, n], seed: 71, scale: scale / Float(n).squareRoot())
    // A small step: at norm 3 the central difference's O(ε²) truncation dominates float32 noise.
    #expect(GradientCheck.maxError(inputs: [a], epsilon: 4e-3) { tape, t in probe(tape, tape.matrixExp(t[0])) } < 2e-3)
}

@Test func matrixExpGradientAccumulates() {
    // A generator feeding two exponentials (the transport MSE and the augmentation share Ψ) gets both gradients.
    let a = randomTensor([2, 3, 3], seed: 72, scale: 0.5)
    #expect(GradientCheck.maxError(inputs: [a]) { tape, t in
        probe(tape, tape.add(tape.matrixExp(t[0]), tape.matrixExp(tape.scale(t[0], by: -0.5))))
    } < 2e-3)
}
