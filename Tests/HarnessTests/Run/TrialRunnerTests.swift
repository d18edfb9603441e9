import Testing
@testable import Harness

@Test func lossCurvesAreGroupMeansWithTheirEndSteps() {
    let (means, ends) = TrialRunner.downsample([1, 2, 3, 4, 5, 6], to: 3)
    #expect(means == [1.5, 3.5, 5.5])
    #expect(ends == [2, 4, 6])
    let (all, steps) = TrialRunner.downsample([4, 3], to: 10)
    #expect(all == [4, 3] && steps == [1, 2])
}

@Test func onlyEvaluationsThatAboveRandomClaimsReadRunOnTheRandomEncoder() throws {
    let recipe = try SpecLoader(root: repositoryRoot).load(paper: "align-uniform").resolved(scale: .smoke)
    let config = TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 0)
    // align-uniform's smoke claims: retrieval beats random; the probe and geometry have no such claim.
    #expect(config.baselineEvaluations == ["retrieval"])
}
