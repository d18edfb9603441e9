import Testing
import Engine

@Test func maxPoolPicksWindowMaxima() {
    // One 4x4 plane, 2x2 windows.
    let x = Tensor((0..<16).map { Float(($0 * 7) % 16) }, shape: [1, 1, 4, 4])
    let y = Tape.inference().maxPool(x, kernel: 2)
    var expected: [Float] = []
    for oy in 0..<2 { for ox in 0..<2 {
        expected.append([0, 1, 4, 5].map { x.data[(oy * 2 + $0 / 4) * 4 + ox * 2 + $0 % 4] }.max()!)
    } }
    #expect(y.array == expected)
}

@Test("max pool gradients match finite differences", arguments: [(2, 2, 6), (3, 2, 7), (2, 1, 4)])
func maxPoolGradient(k: Int, s: Int, size: Int) {
    // Values 0.1 apart: no window changes its argmax within epsilon, and a wide epsilon keeps
    // float32 rounding of the loss out of the differences (max pool is piecewise linear).
    var rng = RNG(seed: 21)
    let count = 2 * 3 * size * size
    let x = Tensor(rng.permutation(count).map { Float($0) * 0.1 }, shape: [2, 3, size, size])
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 4e-2) { tape, t in probe(tape, tape.maxPool(t[0], kernel: k, stride: s)) } < 1e-3)
}

@Test func globalAvgPoolShapeValueAndGradient() {
    let x = randomTensor([3, 2, 2, 2], seed: 22)
    let y = Tape.inference().globalAvgPool(x)
    #expect(y.shape == [2, 3])
    let c1n0 = (0..<4).map { x.data[(1 * 2 + 0) * 4 + $0] }.reduce(0, +) / 4
    #expect(abs(y.data[0 * 3 + 1] - c1n0) < 1e-6)
    #expect(GradientCheck.maxError(inputs: [x]) { tape, t in probe(tape, tape.globalAvgPool(t[0])) } < 1e-3)
}

/// Reference pooling by direct definition over a padded window (`-inf` / `0` outside the image).
private func referencePool(_ x: Tensor, k: Int, s: Int, p: Int, max isMax: Bool) -> [Float] {
    let planes = x.shape[0] * x.shape[1], h = x.shape[2], w = x.shape[3]
    let ho = (h + 2 * p - k) / s + 1, wo = (w + 2 * p - k) / s + 1
    var out: [Float] = []
    for plane in 0..<planes { for oy in 0..<ho { for ox in 0..<wo {
        var values: [Float] = []
        for ky in 0..<k { for kx in 0..<k {
            let iy = oy * s - p + ky, ix = ox * s - p + kx
            let inside = iy >= 0 && iy < h && ix >= 0 && ix < w
            values.append(inside ? x.data[(plane * h + iy) * w + ix] : (isMax ? -.infinity : 0))
        } }
        out.append(isMax ? values.max()! : values.reduce(0, +) / Float(k * k))
    } } }
    return out
}

@Test("padded pooling matches its definition", arguments: [(3, 2, 1, 7), (3, 2, 1, 8), (2, 2, 1, 5), (3, 1, 1, 4), (3, 2, 0, 7)])
func paddedPoolValues(k: Int, s: Int, p: Int, size: Int) {
    let x = randomTensor([2, 3, size, size], seed: 23)
    let tape = Tape.inference()
    let mp = tape.maxPool(x, kernel: k, stride: s, padding: p), ap = tape.avgPool(x, kernel: k, stride: s, padding: p)
    let side = (size + 2 * p - k) / s + 1
    #expect(mp.shape == [2, 3, side, side] && ap.shape == mp.shape)
    #expect(mp.array == referencePool(x, k: k, s: s, p: p, max: true))
    #expect(zip(ap.array, referencePool(x, k: k, s: s, p: p, max: false)).allSatisfy { abs($0 - $1) < 1e-6 })
}

@Test("padded max pool gradients match finite differences", arguments: [(3, 2, 1, 7), (3, 2, 1, 8), (2, 2, 1, 5)])
func paddedMaxPoolGradient(k: Int, s: Int, p: Int, size: Int) {
    // Distinct values 0.1 apart, negative as well: a border window whose maximum is negative must still pick a
    // real pixel, never the padding.
    var rng = RNG(seed: 24)
    let count = 2 * 3 * size * size
    let x = Tensor(rng.permutation(count).map { Float($0 - count / 2) * 0.1 }, shape: [2, 3, size, size])
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 4e-2) { tape, t in
        probe(tape, tape.maxPool(t[0], kernel: k, stride: s, padding: p))
    } < 1e-3)
}

@Test("average pool gradients match finite differences", arguments: [(2, 2, 0, 6), (3, 2, 1, 7), (3, 1, 1, 5), (4, 4, 0, 8)])
func avgPoolGradient(k: Int, s: Int, p: Int, size: Int) {
    let x = randomTensor([2, 3, size, size], seed: 25)
    #expect(GradientCheck.maxError(inputs: [x]) { tape, t in
        probe(tape, tape.avgPool(t[0], kernel: k, stride: s, padding: p))
    } < 1e-3)
}

@Test func maxPoolAllNegativeBorderWindowPicksARealPixel() {
    // 2x2 plane, all negative: with padding 1 every window overlaps the padding, yet outputs are pixels.
    let x = Tensor([-4, -3, -2, -1], shape: [1, 1, 2, 2])
    let y = Tape.inference().maxPool(x, kernel: 3, stride: 2, padding: 1)
    #expect(y.array == [-1])
}

@Test("max pool 2x2 matches a direct window maximum, argmax included", arguments: [(6, 6), (7, 5), (28, 28)])
func maxPool2x2MatchesDirect(h: Int, w: Int) {
    var rng = RNG(seed: 23)
    let x = Tensor(rng.permutation(3 * 4 * h * w).map { Float($0) }, shape: [3, 4, h, w])
    x.requiresGrad = true
    let tape = Tape()
    let y = tape.maxPool(x, kernel: 2)
    let ho = h / 2, wo = w / 2
    var expected = [Float](), winners = Set<Int>()
    for p in 0..<12 { for oy in 0..<ho { for ox in 0..<wo {
        let idx = [0, 1, w, w + 1].map { p * h * w + 2 * oy * w + 2 * ox + $0 }
        let best = idx.max { x.data[$0] < x.data[$1] }!
        expected.append(x.data[best]); winners.insert(best)
    } } }
    #expect(y.array == expected)
    tape.backward(from: tape.sum(y))
    #expect(x.gradArray == (0..<x.count).map { winners.contains($0) ? 1 : 0 })
}

@Test("max pool 2x2 sends a tied window's gradient to its first maximum (row-major), as the general loop does",
      arguments: [(6, 6), (28, 28)])
func maxPool2x2TiesGoToTheFirstMaximum(h: Int, w: Int) {
    // Values from {0, 1, 2}: most windows tie, as ReLU outputs' zeros do.
    var rng = RNG(seed: 29)
    let x = Tensor((0..<(2 * 3 * h * w)).map { _ in Float(rng.int(below: 3)) }, shape: [2, 3, h, w])
    x.requiresGrad = true
    let tape = Tape()
    let y = tape.maxPool(x, kernel: 2)
    tape.backward(from: tape.sum(y))
    var grad = [Float](repeating: 0, count: x.count)
    for p in 0..<6 { for oy in 0..<(h / 2) { for ox in 0..<(w / 2) {
        let idx = [0, 1, w, w + 1].map { p * h * w + 2 * oy * w + 2 * ox + $0 }
        var first = idx[0]
        for i in idx.dropFirst() where x.data[i] > x.data[first] { first = i }
        grad[first] += 1
    } } }
    let wrong = zip(x.gradArray, grad).filter { $0 != $1 }.count
    #expect(wrong == 0, "\(wrong) of \(x.count) gradient entries went to another tied maximum")
}
