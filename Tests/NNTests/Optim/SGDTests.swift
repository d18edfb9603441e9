import Testing
import Engine
import NN

@Test("SGD follows PyTorch's update rule", arguments: [false, true])
func sgdMatchesHandComputedSteps(nesterov: Bool) {
    let layout = ParameterLayout()
    let w = layout.parameter("w", [1], isWeight: true, .constant(1))
    _ = layout.parameter("bn.bias", [1], isWeight: false, .constant(1))
    var rng = RNG(seed: 0)
    let store = ParameterStore(layout: layout, rng: &rng)
    let opt = SGD(store: store, momentum: 0.9, weightDecay: 0.1, nesterov: nesterov, excludeBNAndBias: true)
    var p: Float = 1, v: Float = 0, pb: Float = 1, vb: Float = 0
    for _ in 0..<3 {
        store.zeroGrads()
        store[w].gradBuffer()[0] = 0.5; store.grads[1] = 0.5
        opt.step(store, lr: 0.1)
        let g = 0.5 + 0.1 * p
        v = 0.9 * v + g; p -= 0.1 * (nesterov ? g + 0.9 * v : v)
        vb = 0.9 * vb + 0.5; pb -= 0.1 * (nesterov ? 0.5 + 0.9 * vb : vb)
    }
    #expect(abs(store.values[0] - p) < 1e-6)
    #expect(abs(store.values[1] - pb) < 1e-6)  // excluded from weight decay
}
