import Testing
import Engine
import NN

@Test func smallAlexNetCifarVariantIsWorkloadW3() {
    // W3 of scripts/torch_peer.py: 27,221,088 parameters with the 128-d fc8, fc6 input 192·3·3.
    let layout = ParameterLayout()
    let net = SmallAlexNet(layout, channels: 3, imageSize: 32)
    #expect(layout.parameterCount == 27_221_088)
    #expect(net.finalSide == 3 && net.featureDim == 128)
}

@Test("SmallAlexNet parameter counts equal the original's", arguments: [32, 64])
func smallAlexNetParameterCounts(size: Int) throws {
    let fixture = try #require(ModelReferenceFixture.shared)
    let layout = ParameterLayout()
    let net = SmallAlexNet(layout, channels: 3, imageSize: size)
    #expect(layout.parameterCount == fixture.parameter_counts["small-alexnet-\(size)"])
    #expect(net.finalSide == (size == 32 ? 3 : 7))  // fc6 input 192·3·3 (cifar) or 192·7·7 (STL-10)
}

@Test func smallAlexNetExposesFc7AndOnlyFc7() throws {
    let net = try #require(ContrastiveNetwork(backbone: "small-alexnet", channels: 1, imageSize: 28, outputDim: 64,
                                              projectorHidden: nil, projectorOutput: nil, projectorBatchNorm: true))
    #expect(net.embeddingDim == 64 && net.backbone.namedFeatureDims == ["fc7": 4096])
    var rng = RNG(seed: 4)
    let store = ParameterStore(layout: net.layout, rng: &rng)
    let x = Tensor((0..<(4 * 28 * 28)).map { _ in rng.normal() }, shape: [4, 1, 28, 28])
    let tape = Tape.inference()
    let fc7 = try #require(net.features(x, store, tape, at: "fc7"))
    #expect(fc7.shape == [4, 4096])
    #expect(fc7.array.allSatisfy { $0 >= 0 })  // after fc7's ReLU
    #expect(net.features(x, store, tape).shape == [4, 64])
    #expect(net.features(x, store, tape, at: "fc6") == nil)
}

@Test func smallAlexNetStartsFromTheOriginalsNormalInitialisation() {
    let layout = ParameterLayout()
    _ = SmallAlexNet(layout, channels: 3, imageSize: 32)
    var rng = RNG(seed: 5)
    let store = ParameterStore(layout: layout, rng: &rng)
    let fc7 = layout.parameters.first { $0.name == "encoder.blocks.6.0.weight" }!
    var ss = 0.0
    for i in 0..<fc7.count { ss += Double(store.values[fc7.offset + i] * store.values[fc7.offset + i]) }
    #expect(abs((ss / Double(fc7.count)).squareRoot() - 0.02) < 2e-4)
    let fc8Bias = layout.parameters.first { $0.name == "encoder.blocks.7.0.bias" }!
    #expect((0..<fc8Bias.count).allSatisfy { store.values[fc8Bias.offset + $0] == 0 })
}

@Test("SmallAlexNet forward, fc7 and backward match the original in PyTorch", arguments: ModelReferenceFixture.cases(["small-alexnet"]))
func smallAlexNetMatchesPyTorch(c: ModelReferenceFixture.Case) throws {
    let e = try ModelReferenceErrors.measure(c)
    #expect(c.named.keys.sorted() == ["fc7"])
    #expect(e.forward < 1e-4, "\(c.label): \(e)")
    #expect(e.tailGradient < 1e-4 && e.worstGradient < 1e-2 && e.medianGradientNorm < 1e-4, "\(c.label): \(e)")
}
