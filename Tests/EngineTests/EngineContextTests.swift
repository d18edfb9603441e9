import Testing
import Dispatch
import Engine

/// One training step of a small conv net (conv → BN + ReLU → max pool → global pool → linear) under
/// `context`; returns the loss and every gradient, bit for bit.
func convNetStep(_ context: EngineContext) -> [Float] {
    let x = randomTensor([4, 8, 12, 12], seed: 21), w = randomTensor([8, 4, 3, 3], seed: 22, scale: 0.3)
    let gamma = Tensor([Float](repeating: 1, count: 8), shape: [8]), beta = Tensor(zeros: [8])
    let fc = randomTensor([3, 8], seed: 23, scale: 0.3)
    for t in [w, gamma, beta, fc] { t.requiresGrad = true }
    let tape = Tape(context: context)
    let h = tape.batchNorm(tape.conv2d(x, weight: w, padding: 1), gamma: gamma, beta: beta, runningMean: nil,
                           runningVar: nil, axis: 0, relu: true)
    let features = tape.globalAvgPool(tape.maxPool(h, kernel: 2))  // (N 8, C 8)
    let logits = tape.linear(features, weight: fc)
    let loss = tape.crossEntropy(logits, targets: [0, 1, 2, 0, 1, 2, 0, 1])
    tape.backward(from: loss)
    return [loss.item] + w.gradArray + gamma.gradArray + beta.gradArray + fc.gradArray
}

@Test func theSameContextGivesTheSameBits() {
    let context = EngineContext(workers: 3, convScratchBytes: 1 << 12)
    #expect(convNetStep(context) == convNetStep(context))
    #expect(convNetStep(EngineContext(workers: 3, convScratchBytes: 1 << 12)) == convNetStep(context))
}

@Test func theBitsDependOnTheWorkerCountAsTheReportSays() {
    // Conv weight gradients are summed one partial per worker: another count rounds differently (close values).
    let one = convNetStep(EngineContext(workers: 1)), three = convNetStep(EngineContext(workers: 3))
    #expect(one != three)
    for (a, b) in zip(one, three) { #expect(abs(a - b) <= 1e-4 * max(1, abs(a))) }
}

@Test func contextsRunningAtTheSameTimeDoNotAffectEachOther() {
    // Were the worker count process-wide, one of these would run with the other's and change its bits.
    let contexts = [EngineContext(workers: 1), EngineContext(workers: 3)]
    let reference = contexts.map(convNetStep)
    let results = UnsafeMutableBufferPointer<[Float]>.allocate(capacity: 8)
    results.initialize(repeating: [])
    defer { results.deallocate() }
    nonisolated(unsafe) let out = results
    DispatchQueue.concurrentPerform(iterations: 8) { i in out[i] = convNetStep(contexts[i % 2]) }
    for i in 0..<8 { #expect(results[i] == reference[i % 2]) }
}

@Test func contextsRunCNHWUnlessAskedToBlock() {
    #expect(!EngineContext(workers: 1).blockedLayout)
    #expect(!EngineContext(workers: 2, convPath: .onednn).blockedLayout)
    #expect(EngineContext(workers: 2, convPath: .onednn, blockedLayout: true).blockedLayout)
    #expect(EngineContext(workers: 2, convPath: .onednn, blockedLayout: true).profiled(OpProfile()).blockedLayout)
}
