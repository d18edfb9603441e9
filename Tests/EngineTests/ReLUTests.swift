import Testing
import Engine

@Test func reluValuesAndGradient() {
    let x = Tensor([-2, -0.5, 0.5, 3], shape: [4])
    #expect(Tape.inference().relu(x).array == [0, 0, 0.5, 3])
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-2) { tape, t in probe(tape, tape.relu(t[0])) } < 1e-4)
}

@Test("a tensor feeding ReLU and another op gets both gradients, whichever pullback runs first", arguments: [true, false])
func reluGradientAccumulates(reluFirst: Bool) {
    let x = randomTensor([4, 50], seed: 3)
    for i in 0..<x.count { x.data[i] += x.data[i] < 0 ? -0.1 : 0.1 }  // no value within epsilon of the kink
    let err = GradientCheck.maxError(inputs: [x], epsilon: 1e-2) { tape, t in
        let a = tape.relu(t[0]), b = tape.scale(t[0], by: 2)
        return probe(tape, reluFirst ? tape.add(a, b) : tape.add(b, a))
    }
    #expect(err < 1e-3)
}
