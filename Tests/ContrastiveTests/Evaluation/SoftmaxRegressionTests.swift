import Testing
import Engine
@testable import Contrastive

@Test func softmaxRegressionGradientMatchesFiniteDifferences() {
    let m = gaussianClasses(50, classes: 3, dim: 4, separation: 1, seed: 9)
    let probe = SoftmaxRegression(l2: 0.1)
    var rng = RNG(seed: 4)
    let theta = (0..<15).map { _ in Double(rng.normal()) * 0.3 }
    let (_, g) = probe.objective(theta, m, classes: 3)
    for j in 0..<15 {
        var p = theta, q = theta
        p[j] += 1e-3; q[j] -= 1e-3
        let numeric = (probe.objective(p, m, classes: 3).0 - probe.objective(q, m, classes: 3).0) / 2e-3
        #expect(abs(numeric - g[j]) < 1e-3, "parameter \(j): \(numeric) vs \(g[j])")
    }
}

@Test func softmaxRegressionFitsSeparableClassesAndLowersTheObjective() {
    let train = gaussianClasses(2000, classes: 4, dim: 8, separation: 2, seed: 1)
    let test = gaussianClasses(500, classes: 4, dim: 8, separation: 2, seed: 2)
    let probe = SoftmaxRegression(iterations: 50)
    let theta = probe.fit(train, classes: 4)
    let start = probe.objective([Double](repeating: 0, count: theta.count), train, classes: 4).0
    #expect(abs(start - Foundation.log(4.0)) < 1e-6)  // zero weights: uniform prediction
    #expect(probe.objective(theta, train, classes: 4).0 < 0.5 * start)
    #expect(SoftmaxRegression.accuracy(theta, test, classes: 4) > 0.9)
    let noiseTrain = gaussianClasses(2000, classes: 4, dim: 8, separation: 0, seed: 3)
    let noiseTest = gaussianClasses(2000, classes: 4, dim: 8, separation: 0, seed: 4)
    #expect(probe.evaluate(train: noiseTrain, test: noiseTest, classes: 4) < 0.35)
}

import Foundation
