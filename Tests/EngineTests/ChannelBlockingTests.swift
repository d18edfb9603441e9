import Testing
@testable import Engine

/// The channel-blocked layout (`ChannelBlocking`) and the ops that keep it (`plainLayout`, `channelBlocked`,
/// batch norm, pooling), each against the same op on the plain layout, plus finite differences.

/// `(lanes, workers)` pairs: oneDNN's two block sizes, inline and split.
let blockingCases: [(Int, Int)] = [(8, 1), (16, 1), (16, 2)]

/// A plain tensor of `shape`, its values on a grid when `ties` (so windows hold equal maxima).
func imageTensor(_ shape: [Int], seed: UInt64, ties: Bool = false) -> Tensor {
    let t = randomTensor(shape, seed: seed, scale: 2)
    if ties { for i in 0..<t.count { t.data[i] = (t.data[i] * 2).rounded() / 2 } }
    return t
}

@Test("block and unblock place element (c, n, pixel) at the documented offset and invert each other",
      arguments: blockingCases)
func blockingOffsets(lanes: Int, workers: Int) {
    let shape = [2 * lanes, 3, 4, 5], l = ChannelBlocking(shape, lanes: lanes), w = Workers(workers)
    let x = imageTensor(shape, seed: 1), b = Tensor(zeros: shape), back = Tensor(zeros: shape)
    l.block(x.data, into: b.data, workers: w)
    for c in 0..<shape[0] { for n in 0..<3 { for p in 0..<20 {
        #expect(b.data[l.offset(channel: c, image: n, pixel: p)] == x.data[(c * 3 + n) * 20 + p])
    } } }
    l.unblock(b.data, into: back.data, workers: w)
    #expect(back.array == x.array)
    l.unblock(b.data, into: back.data, overwrite: false, workers: w)  // adds
    #expect(back.array == x.array.map { $0 * 2 })
    l.block(x.data, into: b.data, overwrite: false, workers: w)
    l.unblock(b.data, into: back.data, workers: w)
    #expect(back.array == x.array.map { $0 * 2 })
}

@Test("a blocked tensor read plain twice gets both gradients added", arguments: blockingCases)
func plainLayoutGradientsAccumulate(lanes: Int, workers: Int) {
    let x = imageTensor([lanes, 2, 3, 3], seed: 16)
    x.requiresGrad = true
    let tape = Tape(context: EngineContext(workers: workers))
    let blocked = tape.channelBlocked(x, lanes: lanes)
    tape.backward(from: tape.add(probe(tape, tape.plainLayout(blocked)), probe(tape, tape.plainLayout(blocked), seed: 98)))
    let r1 = randomTensor(x.shape, seed: 99).array, r2 = randomTensor(x.shape, seed: 98).array
    #expect(x.gradArray == zip(r1, r2).map { $0 + $1 })
}

@Test("plainLayout and channelBlocked round-trip values and gradients", arguments: blockingCases)
func layoutOpsRoundTrip(lanes: Int, workers: Int) {
    let context = EngineContext(workers: workers)
    let x = imageTensor([lanes, 2, 3, 3], seed: 2)
    x.requiresGrad = true
    let tape = Tape(context: context)
    let blocked = tape.channelBlocked(x, lanes: lanes)
    #expect(blocked.channelBlock == lanes && tape.channelBlocked(blocked, lanes: lanes) === blocked)
    let y = tape.plainLayout(blocked)
    #expect(y.channelBlock == 1 && y.array == x.array)
    tape.backward(from: probe(tape, y))
    #expect(x.gradArray == randomTensor(x.shape, seed: 99).array)  // probe's weights, unpermuted
    let error = GradientCheck.maxError(inputs: [imageTensor([lanes, 2, 3, 3], seed: 3)], context: context) { tape, inputs in
        probe(tape, tape.plainLayout(tape.channelBlocked(inputs[0], lanes: lanes)))
    }
    #expect(error < 1e-3)
}

@Test("batch norm on a blocked image equals the plain kernels (training and evaluation, ReLU, residual)",
      arguments: blockingCases, [(true, false), (true, true), (false, true)])
func blockedBatchNormMatchesPlain(setup: (lanes: Int, workers: Int), mode: (training: Bool, residual: Bool)) {
    let (lanes, workers) = setup
    let c = 2 * lanes, shape = [c, 3, 5, 5]
    let context = EngineContext(workers: workers)
    let x = imageTensor(shape, seed: 4), r = imageTensor(shape, seed: 5)
    let gamma = randomTensor([c], seed: 6), beta = randomTensor([c], seed: 7)
    let rm = randomTensor([c], seed: 8), rv = Tensor((0..<c).map { 0.5 + Float($0) / Float(c) }, shape: [c])
    func run(blocked: Bool) -> [[Float]] {
        let xi = x.copy(), ri = r.copy(), g = gamma.copy(), b = beta.copy(), m = rm.copy(), v = rv.copy()
        for t in [xi, ri, g, b] { t.requiresGrad = true }
        let tape = Tape(training: mode.training, context: context)
        let input = blocked ? tape.channelBlocked(xi, lanes: lanes) : xi
        let y = tape.batchNorm(input, gamma: g, beta: b, runningMean: m, runningVar: v, axis: 0, relu: true,
                               residual: mode.residual ? ri : nil)
        #expect(y.channelBlock == input.channelBlock)
        let out = tape.plainLayout(y)
        tape.backward(from: probe(tape, out))
        return [out.array, xi.gradArray, ri.gradArray, g.gradArray, b.gradArray, m.array, v.array]
    }
    let blocked = run(blocked: true), plain = run(blocked: false)
    for (name, (a, b)) in zip(["y", "dx", "dr", "dgamma", "dbeta", "running mean", "running var"], zip(blocked, plain)) {
        let worst = zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst < 2e-5, "\(name): largest difference \(worst)")
    }
    #expect(blocked[0].contains(0) && blocked[1].contains { $0 != 0 })
}

@Test("batch norm with ReLU on a blocked image: gradients match finite differences", arguments: [8, 16])
func blockedBatchNormGradient(lanes: Int) {
    let c = lanes, shape = [c, 2, 3, 3]
    let inputs = [imageTensor(shape, seed: 9), randomTensor([c], seed: 10), randomTensor([c], seed: 11)]
    let error = GradientCheck.maxError(inputs: inputs, epsilon: 1e-3, samples: 48) { tape, t in
        let y = tape.batchNorm(tape.channelBlocked(t[0], lanes: lanes), gamma: t[1], beta: t[2], runningMean: nil,
                               runningVar: nil, axis: 0)
        return probe(tape, tape.plainLayout(y))
    }
    #expect(error < 2e-2)
}

@Test("max pooling on a blocked image equals the plain kernel exactly (values, ties, gradients)",
      arguments: blockingCases, [(2, 2, 0), (3, 2, 0), (3, 2, 1)])
func blockedMaxPoolMatchesPlain(setup: (lanes: Int, workers: Int), window: (k: Int, s: Int, p: Int)) {
    let (lanes, workers) = setup
    let context = EngineContext(workers: workers)
    let x = imageTensor([lanes, 2, 7, 6], seed: 12, ties: true)
    func run(blocked: Bool) -> ([Float], [Float]) {
        let xi = x.copy()
        xi.requiresGrad = true
        let tape = Tape(context: context)
        let y = tape.maxPool(blocked ? tape.channelBlocked(xi, lanes: lanes) : xi, kernel: window.k, stride: window.s,
                             padding: window.p)
        #expect(y.channelBlock == (blocked ? lanes : 1))
        let out = tape.plainLayout(y)
        tape.backward(from: probe(tape, out))
        return (out.array, xi.gradArray)
    }
    let blocked = run(blocked: true), plain = run(blocked: false)
    #expect(blocked.0 == plain.0)
    #expect(blocked.1 == plain.1)  // same argmax, ties included, and the same order of additions
}

@Test("max pooling on a blocked image: gradients match finite differences", arguments: [8, 16])
func blockedMaxPoolGradient(lanes: Int) {
    // Distinct values 0.1 apart, negative too, and a wide step, as the plain kernel's check (PoolTests).
    let count = lanes * 2 * 5 * 5
    var rng = RNG(seed: 15)
    let values = rng.permutation(count).map { Float($0 - count / 2) * 0.1 }
    let error = GradientCheck.maxError(inputs: [Tensor(values, shape: [lanes, 2, 5, 5])], epsilon: 4e-2) { tape, t in
        probe(tape, tape.plainLayout(tape.maxPool(tape.channelBlocked(t[0], lanes: lanes), kernel: 3, stride: 2, padding: 1)))
    }
    #expect(error < 1e-3)
}

@Test("global average pooling of a blocked image equals the plain kernel", arguments: blockingCases)
func blockedGlobalAveragePool(lanes: Int, workers: Int) {
    let x = imageTensor([2 * lanes, 3, 4, 4], seed: 13)
    func run(blocked: Bool) -> ([Float], [Float]) {
        let xi = x.copy()
        xi.requiresGrad = true
        let tape = Tape(context: EngineContext(workers: workers))
        let y = tape.globalAvgPool(blocked ? tape.channelBlocked(xi, lanes: lanes) : xi)
        tape.backward(from: probe(tape, y))
        return (y.array, xi.gradArray)
    }
    let blocked = run(blocked: true), plain = run(blocked: false)
    #expect(zip(blocked.0, plain.0).allSatisfy { abs($0 - $1) < 1e-6 })
    #expect(blocked.1 == plain.1)
}

@Test("ops without a blocked kernel take a blocked image through plainLayout")
func unblockedOpsConvert() {
    let x = imageTensor([16, 2, 4, 4], seed: 14)
    let tape = Tape(context: .serial)
    let blocked = tape.channelBlocked(x, lanes: 16)
    #expect(tape.avgPool(blocked, kernel: 2).array == tape.avgPool(x, kernel: 2).array)
    #expect(tape.channelMajor(blocked).array == tape.channelMajor(x).array)
}
