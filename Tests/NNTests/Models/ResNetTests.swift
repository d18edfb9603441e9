import Testing
import Engine
import NN

@Test func modelReferenceFixtureLoads() throws {
    let fixture = try ModelReferenceFixture.load()
    #expect(Set(fixture.cases.map(\.model)) == ["small-alexnet", "resnet18", "resnet50"])
}

@Test("ResNet parameter counts equal torchvision's (without fc)", arguments: [("resnet18", ResNet.Depth.resnet18), ("resnet50", .resnet50)])
func resnetParameterCounts(name: String, depth: ResNet.Depth) throws {
    let fixture = try #require(ModelReferenceFixture.shared)
    let imagenet = ParameterLayout(), cifar = ParameterLayout()
    let a = ResNet(imagenet, depth: depth, channels: 3, stem: .imagenet), b = ResNet(cifar, depth: depth, channels: 3, stem: .cifar)
    #expect(imagenet.parameterCount == fixture.parameter_counts[name])
    // The cifar stem swaps the 7x7 first conv (9,408 weights) for a 3x3 one (1,728).
    #expect(imagenet.parameterCount - cifar.parameterCount == 64 * 3 * (49 - 9))
    #expect(a.featureDim == (depth == .resnet18 ? 512 : 2048) && b.featureDim == a.featureDim)
}

@Test func resnet18CifarWithItsProjectorIsWorkloadW2() throws {
    // W2 of scripts/torch_peer.py: 12,483,776 parameters with the 512-2048-128 projector.
    let net = try #require(ContrastiveNetwork(backbone: "resnet18", channels: 3, imageSize: 32, stem: "cifar",
                                              projectorHidden: [2048], projectorOutput: 128, projectorBatchNorm: true))
    #expect(net.layout.parameterCount == 12_483_776)
}

@Test func registryDefaultsResNetsToTheImageNetStemAndRejectsUnknownStems() {
    let defaulted = ParameterLayout(), imagenet = ParameterLayout()
    _ = BackboneRegistry.make("resnet18", channels: 3, imageSize: 64, layout: defaulted)
    _ = BackboneRegistry.make("resnet18", channels: 3, imageSize: 64, stem: "imagenet", layout: imagenet)
    #expect(defaulted.parameterCount == imagenet.parameterCount)
    #expect(BackboneRegistry.make("resnet18", channels: 3, imageSize: 64, stem: "tiny", layout: ParameterLayout()) == nil)
    #expect(BackboneRegistry.make("resnet34", channels: 3, imageSize: 64, layout: ParameterLayout()) == nil)
}

@Test("ResNet stems reach the expected resolution", arguments: [(ResNet.Stem.cifar, 16), (.imagenet, 32)])
func resnetFeaturesOnOneChannelImages(stem: ResNet.Stem, size: Int) {
    // One-channel images (Fashion-MNIST) take the copy-free path into the engine's layout.
    let layout = ParameterLayout()
    let net = ResNet(layout, depth: .resnet18, channels: 1, stem: stem)
    var rng = RNG(seed: 3)
    let store = ParameterStore(layout: layout, rng: &rng)
    let x = Tensor((0..<(3 * size * size)).map { _ in rng.normal() }, shape: [3, 1, size, size])
    let f = net.features(x, store, Tape.inference())
    #expect(f.shape == [3, 512])
    #expect(f.array.allSatisfy { $0.isFinite })
    #expect(net.namedFeatureDims.isEmpty)
    let fc7 = net.features(x, store, Tape.inference(), at: "fc7")
    #expect(fc7 == nil)
}

@Test("ResNet forward and backward match PyTorch", arguments: ModelReferenceFixture.cases(["resnet18", "resnet50"]))
func resnetMatchesPyTorch(c: ModelReferenceFixture.Case) throws {
    let e = try ModelReferenceErrors.measure(c)
    #expect(e.forward < 1e-4, "\(c.label): \(e)")
    #expect(e.tailGradient < 1e-4 && e.worstGradient < 1e-2 && e.medianGradientNorm < 1e-4, "\(c.label): \(e)")
}
