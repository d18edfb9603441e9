import Testing
import Engine
import NN

/// A store with one weight tensor `w` and one batch-norm gain, both starting at `values`.
private func store(_ w: [Float], _ gain: [Float]) -> (ParameterStore, ParamID, ParamID) {
    let layout = ParameterLayout()
    let a = layout.parameter("w", [w.count], isWeight: true, .constant(0))
    let b = layout.parameter("bn.weight", [gain.count], isWeight: false, .constant(0))
    var rng = RNG(seed: 0)
    let s = ParameterStore(layout: layout, rng: &rng)
    s.load(values: w + gain, buffers: [])
    return (s, a, b)
}

@Test func larsScalesEachWeightTensorByItsTrustRatio() {
    let (s, _, _) = store([3, 4], [1, 1])  // |w| = 5
    let lars = LARS(store: s, momentum: 0.9, weightDecay: 0, trustCoefficient: 1e-3, excludeBNAndBias: true)
    s.grads[0] = 0.6; s.grads[1] = 0.8        // |g| = 1 → trust 5e-3
    s.grads[2] = 0.5; s.grads[3] = -0.5       // excluded: plain momentum step
    lars.step(s, lr: 2)
    #expect(abs(s.values[0] - (3 - 2 * 5e-3 * 0.6)) < 1e-6)
    #expect(abs(s.values[1] - (4 - 2 * 5e-3 * 0.8)) < 1e-6)
    #expect(abs(s.values[2] - (1 - 2 * 0.5)) < 1e-6 && abs(s.values[3] - (1 + 2 * 0.5)) < 1e-6)
    #expect(abs(lars.velocity[0] - 2 * 5e-3 * 0.6) < 1e-8)  // the buffer holds lr-scaled steps
}

@Test func larsFallsBackToTrustOneForZeroNorms() {
    let (s, _, _) = store([0, 0], [1])
    let lars = LARS(store: s, momentum: 0, trustCoefficient: 1e-3)
    s.grads[0] = 1; s.grads[1] = 0
    lars.step(s, lr: 0.1)
    #expect(s.values[0] == -0.1 && s.values[1] == 0)
}
