import Foundation
import Testing
@testable import Engine
import CDNNL

/// oneDNN's conv path against the im2col path (itself checked against direct convolution in Conv2DTests).

let dnnlCases: [ConvCase] = convCases + [
    ConvCase(cin: 3, cout: 5, k: 3, stride: 2, padding: 0, n: 1, h: 9, w: 7),    // batch 1, odd sizes, no padding
    ConvCase(cin: 16, cout: 32, k: 3, stride: 1, padding: 1, n: 4, h: 8, w: 8),  // channels filling a 16-wide block
    ConvCase(cin: 17, cout: 19, k: 3, stride: 2, padding: 1, n: 3, h: 11, w: 11), // blocks with a remainder
]

func geometry(_ c: ConvCase) -> ConvGeometry {
    ConvGeometry(inChannels: c.cin, outChannels: c.cout, kernel: c.k, stride: c.stride, padding: c.padding,
                 batch: c.n, height: c.h, width: c.w)
}

func expectClose(_ a: [Float], _ b: [Float], _ what: String) {
    #expect(a.count == b.count)
    var worst: Float = 0
    for (x, y) in zip(a, b) { worst = max(worst, abs(x - y) / max(1, abs(y))) }
    #expect(worst < 1e-4, "\(what): largest relative difference \(worst)")
}

/// One conv step on `context`'s path: y, dx (overwritten), dw (accumulated onto `dw0`).
func convStep(_ c: ConvCase, _ context: EngineContext, dw0: Float = 0) -> (y: [Float], dx: [Float], dw: [Float]) {
    let x = randomTensor([c.cin, c.n, c.h, c.w], seed: 21), w = randomTensor([c.cout, c.cin, c.k, c.k], seed: 22)
    x.requiresGrad = true; w.requiresGrad = true
    let wg = w.gradBuffer()
    for i in 0..<w.count { wg[i] = dw0 }
    let tape = Tape(context: context)
    let y = tape.conv2d(x, weight: w, stride: c.stride, padding: c.padding)
    tape.backward(from: probe(tape, y))
    return (y.array, x.gradArray, w.gradArray)
}

@Test("oneDNN forward, backward-data and backward-weights equal im2col", arguments: dnnlCases, [1, 2])
func dnnlMatchesIm2col(c: ConvCase, workers: Int) {
    let dnnl = EngineContext(workers: workers, convPath: .onednn)
    let a = convStep(c, EngineContext(workers: workers)), b = convStep(c, dnnl)
    // The oneDNN path really ran (a geometry oneDNN refused would silently have taken im2col).
    #expect(dnnl.conv.decisions.map(\.path) == [.onednn])
    expectClose(b.y, a.y, "forward")
    expectClose(b.dx, a.dx, "backward-data")
    expectClose(b.dw, a.dw, "backward-weights")
}

@Test("oneDNN input gradient alone (frozen weight) equals im2col", arguments: dnnlCases.suffix(3))
func dnnlInputGradientOnly(c: ConvCase) {
    func dx(_ context: EngineContext) -> [Float] {
        let x = randomTensor([c.cin, c.n, c.h, c.w], seed: 41), w = randomTensor([c.cout, c.cin, c.k, c.k], seed: 42)
        x.requiresGrad = true
        let tape = Tape(context: context)
        tape.backward(from: probe(tape, tape.conv2d(x, weight: w, stride: c.stride, padding: c.padding)))
        #expect(!w.requiresGrad)
        return x.gradArray
    }
    expectClose(dx(EngineContext(workers: 2, convPath: .onednn)), dx(EngineContext(workers: 2)), "backward-data alone")
}

@Test("oneDNN backward-weights adds to dw; backward-data adds to dx unless told to overwrite", arguments: dnnlCases.suffix(4))
func dnnlAccumulates(c: ConvCase) throws {
    let g = geometry(c), context = EngineContext(workers: 2, convPath: .onednn)
    let x = randomTensor([c.cin, c.n, c.h, c.w], seed: 31), w = randomTensor([c.cout, c.cin, c.k, c.k], seed: 32)
    let dy = randomTensor([c.cout, c.n, g.outHeight, g.outWidth], seed: 33)
    let split = context.convSplit
    let ref = (dw: Tensor(zeros: w.shape), dx: Tensor(zeros: x.shape))
    ConvKernel.backward(g, x: x.data, w: w.data, dy: dy.data, dw: ref.dw.data, dx: ref.dx.data, overwriteDX: true, split: split)
    let conv = try #require(context.conv.route(g, x: x.data, w: w.data, split: split))
    let dw = randomTensor(w.shape, seed: 34), dx = randomTensor(x.shape, seed: 35)
    let dw0 = dw.array, dx0 = dx.array
    conv.backward(x: x.data, w: w.data, dy: dy.data, dw: dw.data, dx: nil, overwrite: false, profile: nil)
    conv.backward(x: x.data, w: w.data, dy: dy.data, dw: nil, dx: dx.data, overwrite: false, profile: nil)
    expectClose(dw.array, zip(dw0, ref.dw.array).map { $0 + $1 }, "dw += ")
    expectClose(dx.array, zip(dx0, ref.dx.array).map { $0 + $1 }, "dx += ")
    conv.backward(x: x.data, w: w.data, dy: dy.data, dw: nil, dx: dx.data, overwrite: true, profile: nil)
    expectClose(dx.array, ref.dx.array, "dx = ")
}

@Test("conv2d gradients match finite differences on both paths", arguments: dnnlCases, [ConvPath.im2col, .onednn])
func dnnlGradientCheck(c: ConvCase, path: ConvPath) {
    let context = EngineContext(workers: 2, convPath: path)
    let x = randomTensor([c.cin, c.n, c.h, c.w], seed: 5), w = randomTensor([c.cout, c.cin, c.k, c.k], seed: 6)
    let err = GradientCheck.maxError(inputs: [x, w], context: context) { tape, t in
        probe(tape, tape.conv2d(t[0], weight: t[1], stride: c.stride, padding: c.padding))
    }
    #expect(context.conv.decisions.map(\.path) == [path])
    #expect(err < 2e-3)
}

@Test("the oneDNN path gives the same bits on repeat at a fixed thread count", arguments: dnnlCases.suffix(3), [1, 2])
func dnnlRepeatable(c: ConvCase, workers: Int) {
    let a = convStep(c, EngineContext(workers: workers, convPath: .onednn))
    let b = convStep(c, EngineContext(workers: workers, convPath: .onednn))
    let context = EngineContext(workers: workers, convPath: .onednn)
    let c1 = convStep(c, context), c2 = convStep(c, context)  // primitives and scratch reused
    #expect(a.y == b.y && a.dx == b.dx && a.dw == b.dw)
    #expect(c1.y == a.y && c1.dx == a.dx && c1.dw == a.dw)
    #expect(c2.y == a.y && c2.dx == a.dx && c2.dw == a.dw)
}

@Test func convPathCacheRoundTrip() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("conv-path-cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = ConvPathCache(url: dir.appendingPathComponent("replicate/conv-paths.tsv"))
    #expect(cache.load().isEmpty)
    #expect(cache.record(.onednn, for: "host a | g1") == .onednn)
    #expect(cache.record(.im2col, for: "host a | g2") == .im2col)
    // The first decision stays: a second run (or a racing process) adopts it.
    #expect(cache.record(.im2col, for: "host a | g1") == .onednn)
    #expect(ConvPathCache(url: cache.url).load() == ["host a | g1": .onednn, "host a | g2": .im2col])
    #expect(ConvPathCache.defaultURL(environment: ["XDG_CACHE_HOME": "/x"]).path == "/x/replicate/conv-paths.tsv")
}

@Test("a measured path is taken from the cache file when it has one, and recorded there when not",
      arguments: [ConvPath.im2col, .onednn])
func measuredPathUsesCache(recorded: ConvPath) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("conv-path-cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = ConvPathCache(url: dir.appendingPathComponent("conv-paths.tsv"))
    let c = dnnlCases.last!, g = geometry(c)
    let context = EngineContext(workers: 2, convPath: .measured, convCache: cache)
    cache.record(recorded, for: context.conv.cacheKey(g))
    let step = convStep(c, context)
    #expect(context.conv.decisions.map(\.path) == [recorded])
    #expect(context.conv.decisions.first?.detail.hasSuffix("from the cache file") == true)  // not timed again
    #expect(context.determinism.contains(cache.url.path))
    let forced = convStep(c, EngineContext(workers: 2, convPath: recorded))
    #expect(step.y == forced.y && step.dx == forced.dx && step.dw == forced.dw)

    // A geometry the file lacks is timed once and its decision written for the next run.
    let other = dnnlCases[dnnlCases.count - 2]
    _ = convStep(other, context)
    let written = try #require(cache.decision(for: context.conv.cacheKey(geometry(other))))
    let timed = try #require(context.conv.decisions.first { $0.geometry == geometry(other) })
    #expect(timed.path == written && timed.detail.contains("timed: im2col"))
    let next = EngineContext(workers: 2, convPath: .measured, convCache: cache)
    _ = convStep(other, next)
    #expect(next.conv.decisions.map(\.path) == [written])
}

@Test func aCappedOneDNNISAIsPartOfThePathCacheKey() {
    let version = ConvBackend.oneDNNVersion
    #expect(DNNLEngine.identity(environment: [:]) == "oneDNN \(version)")
    #expect(DNNLEngine.identity(environment: ["ONEDNN_MAX_CPU_ISA": "avx2"]) == "oneDNN \(version) (max ISA AVX2)")
    #expect(DNNLEngine.identity(environment: ["DNNL_MAX_CPU_ISA": "AVX512_CORE"]) == "oneDNN \(version) (max ISA AVX512_CORE)")
    #expect(EngineContext(workers: 1).conv.cacheKey(geometry(dnnlCases[0])).contains("| \(DNNLEngine.identity()) |"))
}

@Test func determinismNamesTheConvPath() {
    #expect(EngineContext(workers: 2).determinism.hasSuffix("conv im2col"))
    let dnnl = EngineContext(workers: 2, convPath: .onednn).determinism
    #expect(dnnl.contains("oneDNN \(ConvBackend.oneDNNVersion), batch split over 2 workers at 1 OpenMP thread each"))
    #expect(ConvBackend.oneDNNVersion.hasPrefix("2."))
}

@Test func profileSplitsOneDNNConvTimeFromItsReorders() {
    let profile = OpProfile()
    let x = randomTensor([16, 4, 8, 8], seed: 1), w = randomTensor([16, 16, 3, 3], seed: 2)
    w.requiresGrad = true
    let tape = Tape(context: EngineContext(workers: 2, profile: profile, convPath: .onednn))
    tape.backward(from: tape.sum(tape.conv2d(x, weight: w, padding: 1)))
    #expect(profile.seconds[.convForwardOneDNN]! > 0 && profile.seconds[.convBackwardWeightOneDNN]! > 0)
    #expect(profile.seconds[.convReorder]! > 0)  // CNHW is never oneDNN's chosen layout
    #expect(profile.seconds[.convForward] == 0 && profile.flops[.convForwardOneDNN]! == 2 * 16 * 144 * 4 * 64)
}

@Test("the table copy of a blocked weight layout agrees with oneDNN's own reorder",
      arguments: [dnnl_ABcd16b16a, dnnl_ABcd16a16b, dnnl_Acdb16a, dnnl_ABcd4b16a4b])
func blockedLayoutMatchesReorder(tag: dnnl_format_tag_t) throws {
    let dnnl = try #require(DNNLEngine())
    let dims = [19, 17, 3, 3]  // neither a multiple of 16: the layout has padding
    let plainMD = try DNNLEngine.descriptor(dims, tag: dnnl_abcd), blockedMD = try DNNLEngine.descriptor(dims, tag: tag)
    let layout = try #require(DNNLBlockedLayout(blockedMD))
    #expect(layout.padded && layout.count > 19 * 17 * 9)
    let w = randomTensor(dims, seed: 51)
    let blocked = UnsafeMutablePointer<Float>.allocate(capacity: layout.count)
    defer { blocked.deallocate() }
    blocked.initialize(repeating: .nan, count: layout.count)
    layout.scatter(w.data, into: blocked)
    #expect((0..<layout.count).allSatisfy { !blocked[$0].isNaN })  // padding zeroed
    let back = Tensor(zeros: dims)
    let from = try dnnl.memory(blockedMD, allocate: false), to = try dnnl.memory(plainMD, allocate: false)
    defer { dnnl_memory_destroy(from); dnnl_memory_destroy(to) }
    dnnl_memory_set_data_handle(from, blocked); dnnl_memory_set_data_handle(to, back.data)
    let reorder = try dnnl.reorder(from: blockedMD, to: plainMD)
    defer { dnnl_primitive_destroy(reorder) }
    dnnl.execute(reorder, [(CDNNL_ARG_FROM, from), (CDNNL_ARG_TO, to)])
    #expect(back.array == w.array)
    let sum = Tensor(zeros: dims)
    layout.addGathered(blocked, to: sum.data)
    layout.addGathered(blocked, to: sum.data)
    #expect(sum.array == w.array.map { 2 * $0 })
}

@Test("oneDNN convs hand a blocked activation to the next conv in place: the same bits as through CNHW",
      arguments: [1, 2])
func dnnlBlockedActivationsMatchCNHW(workers: Int) {
    func run(_ context: EngineContext, keep: Bool) -> (lanes: Int, values: [[Float]]) {
        let x = randomTensor([16, 4, 8, 8], seed: 61), w1 = randomTensor([32, 16, 3, 3], seed: 62)
        let w2 = randomTensor([32, 32, 3, 3], seed: 63)
        for t in [x, w1, w2] { t.requiresGrad = true }
        let tape = Tape(context: context)
        let h = tape.conv2d(x, weight: w1, padding: 1, keepBlocked: keep)
        let y = tape.plainLayout(tape.conv2d(h, weight: w2, stride: 2, padding: 1, keepBlocked: keep))
        tape.backward(from: probe(tape, y))
        return (h.channelBlock, [y.array, x.gradArray, w1.gradArray, w2.gradArray])
    }
    let blocked = run(EngineContext(workers: workers, convPath: .onednn, blockedLayout: true), keep: true)
    let cnhw = run(EngineContext(workers: workers, convPath: .onednn, blockedLayout: true), keep: false)
    let off = run(EngineContext(workers: workers, convPath: .onednn), keep: true)  // CNHW is the default
    let im2col = run(EngineContext(workers: workers), keep: true)
    #expect(blocked.lanes == 16 || blocked.lanes == 8)  // oneDNN's nChw16c (AVX-512) or nChw8c (AVX2)
    #expect(cnhw.lanes == 1 && off.lanes == 1 && im2col.lanes == 1)
    // Reorders only copy floats, so skipping them changes no bit.
    #expect(blocked.values == cnhw.values)
    #expect(off.values == cnhw.values)
    for (a, b) in zip(blocked.values, im2col.values) {  // two convs deep: im2col and oneDNN round apart twice
        #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-3 * max(1, abs($1)) }, "blocked oneDNN against im2col")
    }
}

@Test("a blocked input reaches an im2col conv through plainLayout")
func blockedInputOnIm2col() {
    let x = randomTensor([16, 2, 6, 6], seed: 64), w = randomTensor([8, 16, 3, 3], seed: 65)
    x.requiresGrad = true
    let tape = Tape(context: EngineContext(workers: 2))
    let y = tape.conv2d(tape.channelBlocked(x, lanes: 16), weight: w, padding: 1, keepBlocked: true)
    tape.backward(from: probe(tape, y))
    let ref = Tape(context: EngineContext(workers: 2)), xr = x.copy()
    xr.requiresGrad = true
    let yr = ref.conv2d(xr, weight: w, padding: 1)
    ref.backward(from: probe(ref, yr))
    #expect(y.channelBlock == 1 && y.array == yr.array && x.gradArray == xr.gradArray)
}

@Test("an encoder chain in the blocked layout: gradients match finite differences", arguments: [ConvPath.onednn, .im2col])
func blockedEncoderChainGradient(path: ConvPath) {
    // conv → BN + ReLU → conv (stride 2) → BN → global average pool, activations blocked throughout on oneDNN.
    // (Max pooling's kinks are closer than a finite step here; its blocked kernel is checked on spaced values.)
    let context = EngineContext(workers: 2, convPath: path, blockedLayout: true)
    let inputs = [randomTensor([16, 2, 6, 6], seed: 66), randomTensor([16, 16, 3, 3], seed: 67, scale: 0.3),
                  randomTensor([16, 16, 3, 3], seed: 68, scale: 0.3)]
    var lanes: [Int] = []
    let error = GradientCheck.maxError(inputs: inputs, epsilon: 1e-2, samples: 32, context: context) { tape, t in
        let ones = Tensor([Float](repeating: 1, count: 16), shape: [16]), zeros = Tensor(zeros: [16])
        var h = tape.conv2d(t[0], weight: t[1], padding: 1, keepBlocked: true)
        h = tape.batchNorm(h, gamma: ones, beta: zeros, runningMean: nil, runningVar: nil, axis: 0)
        h = tape.conv2d(h, weight: t[2], stride: 2, padding: 1, keepBlocked: true)
        lanes.append(h.channelBlock)
        h = tape.batchNorm(h, gamma: ones, beta: zeros, runningMean: nil, runningVar: nil, axis: 0)
        return probe(tape, tape.globalAvgPool(h))
    }
    #expect(lanes.allSatisfy { path == .onednn ? $0 > 1 : $0 == 1 })
    #expect(error < 5e-3)
}
