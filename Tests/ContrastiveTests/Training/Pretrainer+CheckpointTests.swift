import Testing
import Foundation
import Engine
import NN
import Data
@testable import Contrastive

@Test func restoredTrainerContinuesExactlyLikeAnUninterruptedOne() throws {
    let data = try fashionSubset(600)
    let entry = try #require(LossRegistry.entry(named: "align-uniform"))
    let params = try entry.resolve([:]).get()
    let whole = try smokeTrainer(data, loss: entry.make(params), seed: 3, steps: 6)
    try whole.run()

    // Stop after 3 of 6 steps, checkpoint, and continue in a fresh trainer (other random init: restore must win).
    let first = try smokeTrainer(data, loss: entry.make(params), seed: 3, steps: 6)
    var saved: PretrainCheckpoint?
    try first.run { p in if p.step == 3 { saved = first.checkpoint() } }
    let checkpoint = try #require(saved)
    #expect(checkpoint.step == 3 && checkpoint.losses.count == 3)
    #expect(checkpoint.state.floats["optimizer.velocity"]?.count == whole.store.count)
    #expect(checkpoint.state.floats["buffers"]?.count == whole.store.bufferCount)

    // Same seed (it also orders the data), but scrambled parameters and momentum: restore must overwrite them.
    let second = try smokeTrainer(data, loss: entry.make(params), seed: 3, steps: 6)
    second.store.values.update(repeating: 0.5, count: second.store.count)
    try second.optimizer.load(OptimizerState(kind: "sgd", steps: 0, slots: ["velocity": [Float](repeating: 1, count: second.store.count)]))
    try second.restore(checkpoint)
    #expect(second.step == 3)
    try second.run()
    // Up to the checkpoint, the very same numbers. After it, within float noise: in this process other tests run
    // alongside and share OpenBLAS's global thread setting, which changes the summation order of a GEMM now and
    // then. Bit-identity across a restart is tested where nothing else runs: TrialRunnerTests kills a
    // `replicate trial` process with SIGKILL and compares the resumed result byte for byte. A wrong restore
    // (momentum, a buffer, the step) moves these numbers by far more than 1e-5.
    // Compared as Bools: a failing #expect on 100k-element arrays would spend minutes diffing them.
    #expect(Array(second.losses.prefix(3)) == Array(whole.losses.prefix(3)))
    let sameLosses = close(second.losses.map(Float.init), whole.losses.map(Float.init))
    let sameValues = close(second.store.valueArray, whole.store.valueArray)
    let sameBuffers = close(second.store.bufferArray, whole.store.bufferArray)
    let a = second.optimizer.state, b = whole.optimizer.state
    let sameVelocity = a.kind == b.kind && a.steps == b.steps && a.slots.keys == b.slots.keys
        && a.slots.allSatisfy { close($0.value, b.slots[$0.key]!) }
    #expect(sameLosses, "\(second.losses) vs \(whole.losses)")
    #expect(sameValues && sameBuffers && sameVelocity)
}

/// Equal lengths and every pair within 1e-5 of each other, relative to the larger magnitude (at least 1).
private func close(_ x: [Float], _ y: [Float]) -> Bool {
    x.count == y.count && zip(x, y).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($0), abs($1)) }
}

@Test func restoreRefusesACheckpointOfAnotherModel() throws {
    let data = try fashionSubset(300)
    let entry = try #require(LossRegistry.entry(named: "align-uniform"))
    let trainer = try smokeTrainer(data, loss: entry.make(try entry.resolve([:]).get()), seed: 1, steps: 4)
    var cp = trainer.checkpoint()
    cp.state.floats["values"]!.removeLast()
    let before = trainer.store.valueArray
    #expect(throws: TrainingStateError.self) { try trainer.restore(cp) }
    let unchanged = trainer.store.valueArray == before
    #expect(unchanged && trainer.step == 0)
    var late = trainer.checkpoint()
    late.step = 9  // beyond the 4-step run, and no losses for it
    #expect(throws: TrainingStateError.self) { try trainer.restore(late) }
}

@Test func aMoCoCheckpointCarriesTheKeyEncoderAndQueue() throws {
    func moco() -> MoCoMethod { MoCoMethod(loss: MoCoLoss(), momentum: 0.9, queueSize: 96, shuffleChunks: 2) }
    let whole = try methodTrainer(moco(), steps: 4)
    try whole.run()
    let first = try methodTrainer(moco(), steps: 4)
    var saved: PretrainCheckpoint?
    try first.run { p in if p.step == 2 { saved = first.checkpoint() } }
    let checkpoint = try #require(saved)
    #expect(checkpoint.state.floats.keys.contains { $0.hasPrefix("method.") })
    let second = try methodTrainer(moco(), steps: 4)
    try second.restore(checkpoint)
    try second.run()
    let sameLosses = second.losses == whole.losses, sameValues = second.store.valueArray == whole.store.valueArray
    let sameMethod = second.method.state == whole.method.state
    #expect(sameLosses && sameValues && sameMethod)
}
