import Testing
import Engine

@Test("gatherColumns picks each row's own columns; repeated picks add their gradients")
func gatherColumns() {
    let x = randomTensor([3, 4], seed: 61)
    let columns = [3, 0, 3, 1, 1, 1, 2, 0, 0]
    let y = Tape.inference().gatherColumns(x, columns, perRow: 3)
    #expect(y.shape == [3, 3])
    for i in 0..<3 { for j in 0..<3 { #expect(y.data[i * 3 + j] == x.data[i * 4 + columns[i * 3 + j]]) } }
    x.requiresGrad = true
    x.zeroGrad()
    let tape = Tape()
    tape.backward(from: tape.sum(tape.gatherColumns(x, columns, perRow: 3)))
    #expect(x.gradArray == [1, 0, 0, 2, 0, 3, 0, 0, 2, 0, 1, 0])
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-3) { tape, t in probe(tape, tape.gatherColumns(t[0], columns, perRow: 3)) } < 1e-3)
}

@Test("gatherColumns with no columns per row gives an empty (N, 0) result")
func gatherNoColumns() {
    let x = randomTensor([2, 5], seed: 62)
    #expect(Tape.inference().gatherColumns(x, [], perRow: 0).shape == [2, 0])
}
