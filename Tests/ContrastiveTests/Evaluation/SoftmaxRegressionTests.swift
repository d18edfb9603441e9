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

/// The one-loop objective every cached trial's probe was computed with, kept here to pin the bits.
private func referenceObjective(_ theta: [Double], _ m: FeatureMatrix, classes c: Int, l2: Double,
                                blas: BLAS) -> (Double, [Double]) {
    let f = m.dim, n = m.count
    let w = theta[0..<(c * f)].map { Float($0) }, b = theta[(c * f)...].map { Float($0) }
    var logits = [Float](repeating: 0, count: n * c)
    blas.gemm(transB: true, m: n, n: c, k: f, a: m.values, lda: f, b: w, ldb: f, c: &logits, ldc: c)
    var loss = 0.0
    var gl = [Float](repeating: 0, count: n * c)
    for i in 0..<n {
        var mx = -Float.infinity
        for k in 0..<c { logits[i * c + k] += b[k]; mx = max(mx, logits[i * c + k]) }
        var z: Float = 0
        for k in 0..<c { z += Foundation.exp(logits[i * c + k] - mx) }
        let label = Int(m.labels[i])
        loss += Double(mx + Foundation.log(z) - logits[i * c + label])
        for k in 0..<c { gl[i * c + k] = Foundation.exp(logits[i * c + k] - mx) / z / Float(n) }
        gl[i * c + label] -= 1 / Float(n)
    }
    var gw = [Float](repeating: 0, count: c * f)
    blas.gemm(transA: true, m: c, n: f, k: n, a: gl, lda: c, b: m.values, ldb: f, c: &gw, ldc: f)
    var grad = [Double](repeating: 0, count: theta.count)
    var reg = 0.0
    for j in 0..<(c * f) { grad[j] = Double(gw[j]) + l2 * theta[j]; reg += theta[j] * theta[j] }
    for i in 0..<n { for k in 0..<c { grad[c * f + k] += Double(gl[i * c + k]) } }
    return (loss / Double(n) + 0.5 * l2 * reg, grad)
}

@Test(arguments: [1, 2, 3])
func softmaxRegressionObjectiveHasTheReferenceBitsAtAnyWorkerCount(workers: Int) {
    let m = gaussianClasses(3001, classes: 7, dim: 24, separation: 1, seed: 11)
    var probe = SoftmaxRegression(l2: 1e-3)
    probe.context = EngineContext(workers: workers, blasThreads: 1)
    var rng = RNG(seed: 12)
    let theta = (0..<(7 * 24 + 7)).map { _ in Double(rng.normal()) * 0.2 }
    let (value, grad) = probe.objective(theta, m, classes: 7)
    let (refValue, refGrad) = referenceObjective(theta, m, classes: 7, l2: 1e-3, blas: EngineContext.serial.blas)
    #expect(value.bitPattern == refValue.bitPattern)
    let differing = zip(grad, refGrad).filter { $0.bitPattern != $1.bitPattern }.count
    #expect(grad.count == refGrad.count && differing == 0, "\(differing) gradient entries differ in their bits")
    let serial = SoftmaxRegression.accuracy(theta, m, classes: 7)
    #expect(SoftmaxRegression.accuracy(theta, m, classes: 7, workers: Workers(workers)) == serial)
}

@Test func softmaxRegressionOnOneDNNAgreesWithTheReference() {
    let train = gaussianClasses(4000, classes: 10, dim: 32, separation: 0.5, seed: 21)
    let test = gaussianClasses(1000, classes: 10, dim: 32, separation: 0.5, seed: 22)
    var reference = SoftmaxRegression(iterations: 30), dnnl = reference
    reference.context = EngineContext(workers: 2)
    dnnl.context = EngineContext(workers: 2, convPath: .onednn)
    var rng = RNG(seed: 23)
    let theta = (0..<(10 * 32 + 10)).map { _ in Double(rng.normal()) * 0.1 }
    let (f0, g0) = reference.objective(theta, train, classes: 10), (f1, g1) = dnnl.objective(theta, train, classes: 10)
    #expect(abs(f1 - f0) < 1e-6 * abs(f0))
    #expect(zip(g0, g1).allSatisfy { abs($0 - $1) < 1e-5 * max(1e-3, abs($0)) })
    #expect(dnnl.context.matmul.decisions.map(\.path) == [.onednn, .onednn])
    let a = reference.evaluate(train: train, test: test, classes: 10), b = dnnl.evaluate(train: train, test: test, classes: 10)
    #expect(abs(a - b) <= 0.002, "accuracy \(a) on OpenBLAS, \(b) on oneDNN")
    #expect(dnnl.evaluate(train: train, test: test, classes: 10) == b)  // the same bits on repeat
}
