import Testing
import Engine

@Test("fillDiagonal sets the diagonal and blocks its gradient", arguments: [1, 3, 6])
func fillDiagonal(n: Int) {
    let x = randomTensor([n, n], seed: 51)
    let y = Tape.inference().fillDiagonal(x, -1e9)
    for i in 0..<n { for j in 0..<n { #expect(y.data[i * n + j] == (i == j ? -1e9 : x.data[i * n + j])) } }
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-3) { tape, t in probe(tape, tape.fillDiagonal(t[0], 3)) } < 1e-3)
    x.zeroGrad()
    let tape = Tape()
    tape.backward(from: tape.sum(tape.fillDiagonal(x, 0)))
    for i in 0..<n { for j in 0..<n { #expect(x.gradArray[i * n + j] == (i == j ? 0 : 1)) } }
}

@Test("upperTriangle takes i < j row by row (torch.pdist order)", arguments: [2, 3, 5])
func upperTriangle(n: Int) {
    let x = randomTensor([n, n], seed: 52)
    let y = Tape.inference().upperTriangle(x)
    var want: [Float] = []
    for i in 0..<n { for j in (i + 1)..<n { want.append(x.data[i * n + j]) } }
    #expect(y.shape == [n * (n - 1) / 2] && y.array == want)
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-3) { tape, t in probe(tape, tape.upperTriangle(t[0])) } < 1e-3)
}

@Test("gatherRows copies rows and scatter-adds repeated gradients")
func gatherRows() {
    let x = randomTensor([4, 3], seed: 53)
    let indices = [2, 0, 2, 3, 2]
    let y = Tape.inference().gatherRows(x, indices)
    #expect(y.shape == [5, 3])
    for (r, i) in indices.enumerated() { #expect(Array(y.array[r * 3..<r * 3 + 3]) == Array(x.array[i * 3..<i * 3 + 3])) }
    let tape = Tape()
    x.requiresGrad = true
    tape.backward(from: tape.sum(tape.gatherRows(x, indices)))
    #expect(x.gradArray == [1, 1, 1, 0, 0, 0, 3, 3, 3, 1, 1, 1])
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-3) { tape, t in probe(tape, tape.gatherRows(t[0], indices)) } < 1e-3)
}

@Test("concat then split returns the pieces; gradients route back", arguments: [0, 1])
func concatSplit(axis: Int) {
    let a = randomTensor(axis == 0 ? [2, 3] : [3, 2], seed: 54)
    let b = randomTensor(axis == 0 ? [4, 3] : [3, 4], seed: 55)
    let tape = Tape.inference()
    let joined = tape.concat([a, b], axis: axis)
    #expect(joined.shape == (axis == 0 ? [6, 3] : [3, 6]))
    let parts = tape.split(joined, axis: axis, sizes: [2, 4])
    #expect(parts[0].array == a.array && parts[1].array == b.array)
    if axis == 1 { #expect(Array(joined.array[0..<6]) == Array(a.array[0..<2]) + Array(b.array[0..<4])) }
    #expect(GradientCheck.maxError(inputs: [a, b], epsilon: 1e-3) { tape, t in probe(tape, tape.concat([t[0], t[1]], axis: axis)) } < 1e-3)
    let c = randomTensor(axis == 0 ? [5, 2] : [2, 5], seed: 56)
    #expect(GradientCheck.maxError(inputs: [c], epsilon: 1e-3) { tape, t in
        let p = tape.split(t[0], axis: axis, sizes: [1, 3, 1])
        return tape.add(probe(tape, p[0], seed: 1), tape.add(probe(tape, p[1], seed: 2), probe(tape, p[2], seed: 3)))
    } < 1e-3)
}

@Test("transpose and reshape move values and gradients", arguments: [[1, 4], [3, 5], [40, 33]])
func transposeReshape(shape: [Int]) {
    let x = randomTensor(shape, seed: 57)
    let r = shape[0], c = shape[1]
    let t = Tape.inference().transpose(x)
    #expect(t.shape == [c, r])
    for i in 0..<r { for j in 0..<c { #expect(t.data[j * r + i] == x.data[i * c + j]) } }
    let flat = Tape.inference().reshape(x, [r * c])
    #expect(flat.shape == [r * c] && flat.array == x.array)
    // Both are linear, so a large step costs no truncation error and keeps float32 rounding of the 1,320-term probe small.
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 0.1) { tape, t in probe(tape, tape.transpose(t[0])) } < 1e-3)
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 0.1) { tape, t in probe(tape, tape.reshape(t[0], [c, r])) } < 1e-3)
}
