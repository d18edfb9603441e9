import Testing
@testable import Engine

/// Direct (six-loop) convolution in `(C, N, H, W)` layout, the independent reference.
func naiveConv(x: Tensor, w: Tensor, stride s: Int, padding p: Int) -> [Float] {
    let cin = x.shape[0], n = x.shape[1], h = x.shape[2], wd = x.shape[3]
    let cout = w.shape[0], k = w.shape[2]
    let ho = (h + 2 * p - k) / s + 1, wo = (wd + 2 * p - k) / s + 1
    var y = [Float](repeating: 0, count: cout * n * ho * wo)
    for co in 0..<cout { for b in 0..<n { for oy in 0..<ho { for ox in 0..<wo {
        var acc: Float = 0
        for ci in 0..<cin { for ky in 0..<k { for kx in 0..<k {
            let iy = oy * s - p + ky, ix = ox * s - p + kx
            if iy < 0 || iy >= h || ix < 0 || ix >= wd { continue }
            acc += x.data[((ci * n + b) * h + iy) * wd + ix] * w.data[((co * cin + ci) * k + ky) * k + kx]
        } } }
        y[((co * n + b) * ho + oy) * wo + ox] = acc
    } } } }
    return y
}

struct ConvCase: Sendable, CustomTestStringConvertible {
    var cin, cout, k, stride, padding, n, h, w: Int
    var testDescription: String { "cin\(cin) cout\(cout) k\(k) s\(stride) p\(padding) n\(n) \(h)x\(w)" }
}

let convCases: [ConvCase] = [
    ConvCase(cin: 1, cout: 3, k: 3, stride: 1, padding: 1, n: 2, h: 5, w: 5),
    ConvCase(cin: 2, cout: 4, k: 3, stride: 2, padding: 1, n: 3, h: 7, w: 6),
    ConvCase(cin: 3, cout: 2, k: 1, stride: 1, padding: 0, n: 2, h: 4, w: 4),
    ConvCase(cin: 3, cout: 2, k: 1, stride: 2, padding: 0, n: 2, h: 5, w: 5),
    ConvCase(cin: 2, cout: 2, k: 5, stride: 1, padding: 2, n: 1, h: 6, w: 6),
    ConvCase(cin: 2, cout: 3, k: 3, stride: 1, padding: 0, n: 2, h: 5, w: 4),
    // Large enough to split the batch across workers (and, at 1 KiB scratch, into several chunks each).
    ConvCase(cin: 4, cout: 8, k: 3, stride: 1, padding: 1, n: 9, h: 12, w: 10),
    ConvCase(cin: 8, cout: 6, k: 1, stride: 1, padding: 0, n: 9, h: 16, w: 16),
    ConvCase(cin: 5, cout: 8, k: 3, stride: 2, padding: 1, n: 9, h: 13, w: 13),
]

@Test("conv2d forward equals direct convolution", arguments: convCases)
func convForward(c: ConvCase) {
    let x = randomTensor([c.cin, c.n, c.h, c.w], seed: 1), w = randomTensor([c.cout, c.cin, c.k, c.k], seed: 2)
    let y = Tape.inference().conv2d(x, weight: w, stride: c.stride, padding: c.padding)
    let ref = naiveConv(x: x, w: w, stride: c.stride, padding: c.padding)
    #expect(y.count == ref.count)
    for i in 0..<ref.count { #expect(abs(y.data[i] - ref[i]) < 1e-4) }
}

@Test("conv2d forward is unchanged when images are processed in small chunks", arguments: convCases)
func convChunked(c: ConvCase) {
    let x = randomTensor([c.cin, c.n, c.h, c.w], seed: 3), w = randomTensor([c.cout, c.cin, c.k, c.k], seed: 4)
    let g = ConvGeometry(inChannels: c.cin, outChannels: c.cout, kernel: c.k, stride: c.stride, padding: c.padding,
                         batch: c.n, height: c.h, width: c.w)
    let y = Tensor(uninitialized: [c.cout, c.n, g.outHeight, g.outWidth])
    ConvKernel.forward(g, x: x.data, w: w.data, y: y.data, split: .init(workers: 2, scratchBytes: 1))  // one image per chunk
    let ref = naiveConv(x: x, w: w, stride: c.stride, padding: c.padding)
    for i in 0..<ref.count { #expect(abs(y.data[i] - ref[i]) < 1e-4) }
}

@Test("conv2d gradients match finite differences, on one worker and on several with small chunks",
      arguments: convCases, [EngineContext.serial, EngineContext(workers: 3, convScratchBytes: 1 << 10)])
func convGradient(c: ConvCase, context: EngineContext) {
    let x = randomTensor([c.cin, c.n, c.h, c.w], seed: 5), w = randomTensor([c.cout, c.cin, c.k, c.k], seed: 6)
    let err = GradientCheck.maxError(inputs: [x, w], context: context) { tape, t in
        probe(tape, tape.conv2d(t[0], weight: t[1], stride: c.stride, padding: c.padding))
    }
    #expect(err < 2e-3)
}

@Test func channelMajorGradient() {
    let x = randomTensor([2, 3, 2, 2], seed: 7)
    let y = Tape.inference().channelMajor(x)
    #expect(y.shape == [3, 2, 2, 2])
    #expect(y.data[((1 * 2 + 1) * 2 + 0) * 2 + 1] == x.data[((1 * 3 + 1) * 2 + 0) * 2 + 1])
    #expect(GradientCheck.maxError(inputs: [x]) { tape, t in probe(tape, tape.channelMajor(t[0])) } < 1e-3)
}

@Test("conv2d gives the same result on one worker as on several", arguments: convCases.suffix(3))
func convWorkerCountInvariant(c: ConvCase) {
    let x = randomTensor([c.cin, c.n, c.h, c.w], seed: 8), w = randomTensor([c.cout, c.cin, c.k, c.k], seed: 9)
    let g = ConvGeometry(inChannels: c.cin, outChannels: c.cout, kernel: c.k, stride: c.stride, padding: c.padding,
                         batch: c.n, height: c.h, width: c.w)
    let dy = randomTensor([c.cout, c.n, g.outHeight, g.outWidth], seed: 10)
    func run(workers: Int, scratch: Int = 1 << 10) -> (y: [Float], dx: [Float], dw: [Float]) {
        let split = ConvKernel.Split(workers: workers, scratchBytes: scratch)
        let y = Tensor(uninitialized: dy.shape), dx = Tensor(uninitialized: x.shape), dw = Tensor(zeros: w.shape)
        ConvKernel.forward(g, x: x.data, w: w.data, y: y.data, split: split)
        ConvKernel.backward(g, x: x.data, w: w.data, dy: dy.data, dw: dw.data, dx: dx.data, overwriteDX: true, split: split)
        return (y.array, dx.array, dw.array)
    }
    let one = run(workers: 1), two = run(workers: 2), three = run(workers: 3)
    for (a, b) in zip(one.y + one.dx + one.dw, three.y + three.dx + three.dw) { #expect(abs(a - b) <= 1e-4 * max(1, abs(a))) }
    let again = run(workers: 2)  // bitwise deterministic for a given split
    #expect(again.y == two.y && again.dx == two.dx && again.dw == two.dw)
    let whole = run(workers: 1, scratch: 1 << 30)  // and chunking does not change the values beyond rounding
    for (a, b) in zip(one.y + one.dx + one.dw, whole.y + whole.dx + whole.dw) { #expect(abs(a - b) <= 1e-4 * max(1, abs(a))) }
}

@Test("a tensor feeding two convs gets the sum of both input gradients")
func convInputGradientAccumulates() {
    let x = randomTensor([2, 3, 6, 6], seed: 10), w1 = randomTensor([3, 2, 3, 3], seed: 11), w2 = randomTensor([4, 2, 1, 1], seed: 12)
    let err = GradientCheck.maxError(inputs: [x, w1, w2]) { tape, t in
        tape.add(probe(tape, tape.conv2d(t[0], weight: t[1], padding: 1), seed: 1),
                 probe(tape, tape.conv2d(t[0], weight: t[2], stride: 2), seed: 2))
    }
    #expect(err < 2e-3)
}
