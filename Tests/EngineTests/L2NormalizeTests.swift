import Testing
import Engine

@Test func l2NormalizeGivesUnitRowsAndCorrectGradient() {
    let x = randomTensor([4, 5], seed: 51)
    let y = Tape.inference().l2Normalize(x)
    for i in 0..<4 {
        let s = (0..<5).map { y.data[i * 5 + $0] * y.data[i * 5 + $0] }.reduce(0, +)
        #expect(abs(s - 1) < 1e-5)
    }
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-3) { tape, t in probe(tape, tape.l2Normalize(t[0])) } < 2e-3)
}
