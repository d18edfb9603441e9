import Testing
import Engine
@testable import Contrastive

/// `n` points around `classes` Gaussian means (drawn from seed 0), samples drawn from `seed`.
func gaussianClasses(_ n: Int, classes: Int, dim: Int, separation: Float, seed: UInt64) -> FeatureMatrix {
    var meanRNG = RNG(seed: 0)
    let means = (0..<(classes * dim)).map { _ in meanRNG.normal() * separation }
    var rng = RNG(seed: seed)
    var values: [Float] = [], labels: [Int32] = []
    for _ in 0..<n {
        let y = rng.int(below: classes)
        labels.append(Int32(y))
        for j in 0..<dim { values.append(means[y * dim + j] + rng.normal()) }
    }
    return FeatureMatrix(values: values, count: n, dim: dim, labels: labels)
}

@Test func linearProbeSeparatesGaussianClasses() {
    let train = gaussianClasses(2000, classes: 4, dim: 8, separation: 2, seed: 1)
    let test = gaussianClasses(500, classes: 4, dim: 8, separation: 2, seed: 2)
    let probe = LinearProbe(epochs: 5, batchSize: 64, lr: 1e-2, seed: 3)
    let acc = probe.evaluate(train: train, test: test, classes: 4)
    #expect(acc > 0.9)
    let noiseTrain = gaussianClasses(2000, classes: 4, dim: 8, separation: 0, seed: 3)
    let noiseTest = gaussianClasses(2000, classes: 4, dim: 8, separation: 0, seed: 4)
    #expect(LinearProbe(epochs: 3, batchSize: 64, lr: 1e-2, seed: 3).evaluate(train: noiseTrain, test: noiseTest, classes: 4) < 0.35)
}
