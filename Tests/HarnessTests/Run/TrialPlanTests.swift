import Testing
@testable import Harness

@Test func theSpecsColourAugmentationsReachThePipeline() throws {
    var recipe = try SpecLoader(root: repositoryRoot).load(paper: "align-uniform").resolved(scale: .full)
    recipe.model.backbone = "convnet-s"  // the pipeline does not depend on the backbone
    let a = recipe.augment
    let p = try TrialPlan.makePipeline(a, views: 2, channels: 3, dataset: recipe.data.dataset, imageSize: recipe.data.imageSize)
    #expect(p.colorJitter != nil)   // align-uniform's STL-10 recipe: ColorJitter(0.4, 0.4, 0.4, 0.4) always
    #expect(p.grayscale?.probability == a.grayscale)
    #expect(p.crop != nil && p.flipProbability == a.horizontalFlip)
    let smoke = try SpecLoader(root: repositoryRoot).load(paper: "align-uniform").resolved(scale: .smoke)
    let q = try TrialPlan.makePipeline(smoke.augment, views: 2, channels: 1, dataset: "fashion-mnist", imageSize: 28)
    #expect(q.colorJitter == nil && q.grayscale == nil && q.blur == nil)  // grayscale data: no colour operations
}
