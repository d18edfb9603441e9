import Testing
@testable import Harness

@Test func convnetSCostMatchesTheBenchmarkCount() throws {
    // W1 (scripts/torch_peer.py): 7,475,712 MACs per image with the 128-128-64 projector.
    let recipe = try SpecLoader(root: repositoryRoot).load(paper: "align-uniform").resolved(scale: .smoke)
    let config = TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 0)
    let cost = try TrialCost.estimate(config)
    #expect(cost.macsPerImage == 7_475_712)
    #expect(cost.parameterCount == 117_792)
    #expect(cost.imagesPerStep == 2 * recipe.batchSize)
    #expect(cost.steps == recipe.steps)
    #expect(cost.flopsPerStep == 6 * 7_475_712 * Double(2 * recipe.batchSize))
    // conv1's output alone is 32·28·28 floats per image, kept for backward.
    #expect(cost.activationBytesPerImage > 32 * 28 * 28 * 4)
}

@Test func epochsBecomeStepsFromTheDatasetSize() throws {
    var recipe = try SpecLoader(root: repositoryRoot).load(paper: "align-uniform").resolved(scale: .smoke)
    recipe.steps = nil
    recipe.epochs = 2
    let cost = try TrialCost.estimate(TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 0))
    #expect(cost.steps == 2 * (60_000 / recipe.batchSize))
}

@Test func paperHardwareIsReadFromTheDescription() {
    #expect(GPUCatalog.gpu(in: "8 NVIDIA V100 GPUs").name == "V100")
    #expect(GPUCatalog.gpu(in: "4 GPUs (type not stated)").name.contains("not stated"))
}
