import Testing
import Engine

@Test func clampValuesAndGradient() {
    let x = Tensor([-7, -1, 0.5, 4], shape: [4])
    #expect(Tape.inference().clamp(x, min: -5, max: 3).array == [-5, -1, 0.5, 3])
    #expect(Tape.inference().clamp(x, max: 0).array == [-7, -1, 0, 0])
    // Values inside pass the gradient, clamped ones get none.
    let t = Tensor([-7, -1, 0.5, 4], shape: [4], requiresGrad: true)
    let tape = Tape()
    tape.backward(from: tape.sum(tape.clamp(t, min: -5, max: 3)))
    #expect(t.gradArray == [0, 1, 1, 0])
    let r = randomTensor([4, 10], seed: 82, scale: 2)
    for i in 0..<r.count where abs(abs(r.data[i]) - 1) < 0.05 { r.data[i] *= 1.2 }
    #expect(GradientCheck.maxError(inputs: [r]) { tape, t in probe(tape, tape.clamp(t[0], min: -1, max: 1)) } < 1e-3)
}
