import Testing
import Engine
import NN
@testable import Contrastive

@Test(arguments: [1, 5, 10])
func drawTakesExactlyNPerClass(n: Int) {
    let train = gaussianClasses(500, classes: 5, dim: 4, separation: 1, seed: 1)
    let few = FewLabelEvaluation(labelsPerClass: n, trials: 3, steps: 1, lr: 1e-2, seed: 7)
    for trial in 0..<3 {
        let rows = few.draw(labels: train.labels, classes: 5, trial: trial)
        #expect(rows.count == 5 * n)
        #expect(Set(rows).count == rows.count)
        for c in 0..<5 { #expect(rows.filter { train.labels[$0] == Int32(c) }.count == n) }
    }
}

@Test func trialsDrawDifferentSubsetsDeterministically() {
    let train = gaussianClasses(500, classes: 5, dim: 4, separation: 1, seed: 1)
    let few = FewLabelEvaluation(labelsPerClass: 3, trials: 4, steps: 1, lr: 1e-2, seed: 7)
    let draws = (0..<4).map { Set(few.draw(labels: train.labels, classes: 5, trial: $0)) }
    #expect(Set(draws).count == 4)
    #expect(Set(few.draw(labels: train.labels, classes: 5, trial: 2)) == draws[2])
    var other = few
    other.seed = 8
    #expect(Set(other.draw(labels: train.labels, classes: 5, trial: 0)) != draws[0])
}

@Test(arguments: [[], [32]] as [[Int]])
func separableToyProblemReachesFullAccuracy(hidden: [Int]) {
    let train = gaussianClasses(400, classes: 4, dim: 8, separation: 4, seed: 3)
    let test = gaussianClasses(300, classes: 4, dim: 8, separation: 4, seed: 4)
    let few = FewLabelEvaluation(labelsPerClass: 5, trials: 3, hidden: hidden, steps: 200, lr: 1e-2, seed: 5)
    let r = few.evaluate(train: train, test: test, classes: 4)
    #expect(r.accuracies.count == 3)
    #expect(r.mean > 0.97)
    // Deterministic by seed: the same evaluation gives the same numbers.
    #expect(few.evaluate(train: train, test: test, classes: 4).accuracies == r.accuracies)
}

@Test func fewLabelsOnHardDataVaryAcrossTrials() {
    // Overlapping classes and one label per class: each trial's head depends on its draw, so the spread is real.
    let train = gaussianClasses(400, classes: 4, dim: 8, separation: 0.5, seed: 3)
    let test = gaussianClasses(300, classes: 4, dim: 8, separation: 0.5, seed: 4)
    let r = FewLabelEvaluation(labelsPerClass: 1, trials: 5, steps: 50, lr: 1e-2, seed: 5).evaluate(train: train, test: test, classes: 4)
    #expect(r.std > 0)
    let mean = r.accuracies.reduce(0, +) / 5
    #expect(abs(r.mean - mean) < 1e-12)
    let variance = r.accuracies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
    #expect(abs(r.std - variance.squareRoot()) < 1e-12)
    #expect(r.mean < 0.9)
}

@Test func moreLabelsHelp() {
    let train = gaussianClasses(1000, classes: 4, dim: 16, separation: 0.8, seed: 3)
    let test = gaussianClasses(500, classes: 4, dim: 16, separation: 0.8, seed: 4)
    let one = FewLabelEvaluation(labelsPerClass: 1, trials: 6, steps: 100, lr: 1e-2, seed: 5).evaluate(train: train, test: test, classes: 4)
    let many = FewLabelEvaluation(labelsPerClass: 100, trials: 6, steps: 100, lr: 1e-2, seed: 5).evaluate(train: train, test: test, classes: 4)
    #expect(many.mean > one.mean + 0.05)
}

@Test func minibatchesAndScheduleAreUsed() {
    // A schedule that sets the rate to 0 leaves the head untrained.
    let train = gaussianClasses(400, classes: 4, dim: 8, separation: 4, seed: 3)
    let test = gaussianClasses(300, classes: 4, dim: 8, separation: 4, seed: 4)
    let base = FewLabelEvaluation(labelsPerClass: 10, trials: 2, steps: 100, batchSize: 8, lr: 1e-2, seed: 5)
    var frozen = base
    frozen.schedule = .multistep(milestones: [0], gamma: 0)
    let trained = base.evaluate(train: train, test: test, classes: 4).mean
    #expect(trained > 0.97)
    #expect(frozen.evaluate(train: train, test: test, classes: 4).mean < trained - 0.1)
}
