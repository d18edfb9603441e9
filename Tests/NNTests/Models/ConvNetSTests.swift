import Testing
import Engine
import NN

@Test func convnetSHasTheBenchmarkParameterCountAndShapes() throws {
    // W1 of scripts/torch_peer.py: 117,792 parameters with the 128-128-64 projector.
    let net = try #require(ContrastiveNetwork(backbone: "convnet-s", channels: 1, imageSize: 28, projectorHidden: [128],
                                              projectorOutput: 64, projectorBatchNorm: true))
    #expect(net.layout.parameterCount == 117_792)
    var rng = RNG(seed: 0)
    let store = ParameterStore(layout: net.layout, rng: &rng)
    let x = Tensor((0..<(4 * 28 * 28)).map { _ in rng.normal() }, shape: [4, 1, 28, 28])
    let tape = Tape()
    #expect(net.features(x, store, tape).shape == [4, 128])
    #expect(net.embed(x, store, tape).shape == [4, 64])
}

/// Whole-network check: a small step along −∇ lowers the loss by ≈ lr·‖∇‖² (first order).
/// Per-parameter central differences are ill-posed here: ReLU followed by max pooling leaves many
/// tied zeros, kinks that a finite step crosses; each op's own gradient check covers exactness.
@Test func convnetSGradientPredictsTheFirstOrderChangeOfTheLoss() throws {
    let net = try #require(ContrastiveNetwork(backbone: "convnet-s", channels: 1, imageSize: 12, projectorHidden: [8],
                                              projectorOutput: 4, projectorBatchNorm: true))
    var rng = RNG(seed: 5)
    let store = ParameterStore(layout: net.layout, rng: &rng)
    let x = Tensor((0..<(6 * 12 * 12)).map { _ in rng.normal() }, shape: [6, 1, 12, 12])
    let r = (0..<24).map { _ in rng.normal() }
    func loss(_ tape: Tape) -> Double {
        let z = net.embed(x, store, tape)
        var s: Double = 0
        for i in 0..<24 { s += Double(z.data[i] * r[i]) }
        if tape.recording {
            let out = Tensor([Float(s)], shape: [1]); out.requiresGrad = true
            tape.record { [z, out] in
                let g = z.gradBuffer(); for i in 0..<24 { g[i] += out.grad![0] * r[i] }
            }
            tape.backward(from: out)
        }
        return s
    }
    store.zeroGrads()
    let before = loss(Tape())
    var norm2: Double = 0
    for i in 0..<store.count { norm2 += Double(store.grads[i] * store.grads[i]) }
    let lr: Float = 1e-4
    for i in 0..<store.count { store.values[i] -= lr * store.grads[i] }
    let after = loss(Tape(training: true, recording: false))
    let predicted = Double(lr) * norm2
    #expect(norm2 > 0)
    #expect(after < before)
    #expect(abs((before - after) - predicted) / predicted < 0.1)
}
