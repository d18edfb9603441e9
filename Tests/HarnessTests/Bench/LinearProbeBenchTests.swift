import Testing
@testable import Harness

@Test func probeLearnsTheSyntheticClusters() {
    let probe = LinearProbeBench(count: 2_000, seed: 3)
    #expect(probe.steps(epochs: 2, batch: 256) == 16)
    let acc = probe.sgdRun(epochs: 3, batch: 256)
    #expect(acc > 0.9)  // clusters 0.5·N(0, I₁₂₈) apart are nearly separable; chance is 0.1
}
