import Testing
import Engine
import NN
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

@Test func scheduleIsAPureFunctionOfTheEpoch() {
    // Rate 0 from epoch 1 on: the later epochs change nothing, so three epochs equal one constant-rate epoch.
    let train = gaussianClasses(1000, classes: 4, dim: 8, separation: 0.7, seed: 1)
    let test = gaussianClasses(1000, classes: 4, dim: 8, separation: 0.7, seed: 2)
    let oneEpoch = LinearProbe(epochs: 1, batchSize: 50, lr: 0.05, seed: 3).evaluate(train: train, test: test, classes: 4)
    let cut = LinearProbe(epochs: 3, batchSize: 50, lr: 0.05, schedule: .multistep(milestones: [1], gamma: 0), seed: 3)
    #expect(cut.evaluate(train: train, test: test, classes: 4) == oneEpoch)
    let constant = LinearProbe(epochs: 3, batchSize: 50, lr: 0.05, seed: 3).evaluate(train: train, test: test, classes: 4)
    #expect(constant != oneEpoch)
}

@Test(arguments: [Schedule.cosine(total: 8), .exponential(total: 8, final: 1e-4), .multistep(milestones: [3, 6], gamma: 0.05)])
func decayingScheduleSettlesAnOvershootingRate(_ schedule: Schedule) {
    // Plain SGD at a rate far too high for these features keeps jumping between poor solutions; the same run
    // with a decaying rate settles near the optimum. Each scheduled run must beat the constant one clearly.
    let train = gaussianClasses(2000, classes: 4, dim: 8, separation: 0.7, seed: 1)
    let test = gaussianClasses(4000, classes: 4, dim: 8, separation: 0.7, seed: 2)
    let sgd = OptimizerSettings(.sgd(momentum: 0.9, nesterov: false))
    let constant = LinearProbe(epochs: 8, batchSize: 50, lr: 20, optimizer: sgd, seed: 3)
    let scheduled = LinearProbe(epochs: 8, batchSize: 50, lr: 20, optimizer: sgd, schedule: schedule, seed: 3)
    let c = constant.evaluate(train: train, test: test, classes: 4), s = scheduled.evaluate(train: train, test: test, classes: 4)
    #expect(s > c + 0.03)
}

@Test func sgdProbeSeparatesGaussianClasses() {
    let train = gaussianClasses(2000, classes: 4, dim: 8, separation: 2, seed: 1)
    let test = gaussianClasses(500, classes: 4, dim: 8, separation: 2, seed: 2)
    let sgd = OptimizerSettings(.sgd(momentum: 0.9, nesterov: false), weightDecay: 1e-5)
    let probe = LinearProbe(epochs: 5, batchSize: 64, lr: 0.05, optimizer: sgd, schedule: .cosine(total: 5), seed: 3)
    #expect(probe.evaluate(train: train, test: test, classes: 4) > 0.9)
}
