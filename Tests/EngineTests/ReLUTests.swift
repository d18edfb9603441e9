import Testing
import Engine

@Test func reluValuesAndGradient() {
    let x = Tensor([-2, -0.5, 0.5, 3], shape: [4])
    #expect(Tape.inference().relu(x).array == [0, 0, 0.5, 3])
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-2) { tape, t in probe(tape, tape.relu(t[0])) } < 1e-4)
}
