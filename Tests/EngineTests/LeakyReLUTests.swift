import Testing
import Engine

@Test func leakyReLUValuesAndGradient() {
    let x = Tensor([-2, -0.5, 0.5, 3], shape: [4])
    #expect(Tape.inference().leakyReLU(x, slope: 0.1).array == [-0.2, -0.05, 0.5, 3])
    let r = randomTensor([3, 20], seed: 81)
    for i in 0..<r.count { r.data[i] += r.data[i] < 0 ? -0.1 : 0.1 }  // no value within epsilon of the kink
    #expect(GradientCheck.maxError(inputs: [r]) { tape, t in probe(tape, tape.leakyReLU(t[0])) } < 1e-3)
}
