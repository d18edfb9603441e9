import Testing
import Engine
import NN

/// A store of one 2×3 linear weight with fixed gradients, for optimizer state tests.
func optimizerStore(seed: UInt64 = 1) -> ParameterStore {
    let layout = ParameterLayout()
    _ = layout.parameter("w", [2, 3], isWeight: true, .normal(std: 1))
    var rng = RNG(seed: seed)
    let store = ParameterStore(layout: layout, rng: &rng)
    for i in 0..<store.count { store.grads[i] = Float(i) * 0.1 - 0.2 }
    return store
}

@Test func sgdStateRoundTripsAndContinuesIdentically() throws {
    let a = optimizerStore(), b = optimizerStore()
    let sgdA = SGD(store: a, momentum: 0.9, weightDecay: 0.01, nesterov: true)
    for _ in 0..<3 { sgdA.step(a, lr: 0.1) }
    let sgdB = SGD(store: b, momentum: 0.9, weightDecay: 0.01, nesterov: true)
    try sgdB.restore(sgdA.trainingState())
    b.load(values: a.valueArray, buffers: a.bufferArray)
    sgdA.step(a, lr: 0.1); sgdB.step(b, lr: 0.1)
    #expect(a.valueArray == b.valueArray)
    #expect(sgdA.velocity == sgdB.velocity && sgdA.velocity.contains { $0 != 0 })
    #expect(throws: TrainingStateError.self) { try sgdB.restore(TrainingState(floats: ["velocity": [1]])) }
}
