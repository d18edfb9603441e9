import Foundation
import Testing
import Engine

@Test("laplaceSample: value from the inverse CDF, soft threshold, and 0 inside the threshold", arguments: [Float(0), 0.05])
func laplaceSampleValues(threshold: Float) {
    let shift = Tensor([0.3, -0.2, 0.1, 0], shape: [2, 2])
    let logScale = Tensor([log(0.1), log(0.2), log(0.01), log(1)], shape: [2, 2])
    let noise = Tensor([0.4, -0.3, 0.01, 0], shape: [2, 2])
    let c = Tape.inference().laplaceSample(shift: shift, logScale: logScale, noise: noise, threshold: threshold).array
    for i in 0..<4 {
        let u = noise.data[i], b = Foundation.exp(logScale.data[i])
        let e = -b * (u > 0 ? 1 : u < 0 ? -1 : 0) * Foundation.log(1 - 2 * abs(u))
        let expected: Float = abs(e) > threshold ? shift.data[i] + (e > 0 ? 1 : -1) * (abs(e) - threshold) : 0
        #expect(abs(c[i] - expected) < 1e-6)
    }
    // u = 0 gives e = 0, which every threshold zeroes (the coefficient itself, not the shift).
    #expect(c[3] == 0)
}

@Test func laplaceSampleDrawsLaplace() {
    // Uniform noise through the sampler gives Laplace(μ, b): mean μ, mean absolute deviation b.
    var rng = RNG(seed: 5)
    let n = 20_000
    let noise = Tensor((0..<n).map { _ in rng.uniform() - 0.5 }, shape: [n])
    let c = Tape.inference().laplaceSample(shift: Tensor([Float](repeating: 1, count: n), shape: [n]),
                                           logScale: Tensor([Float](repeating: log(0.5), count: n), shape: [n]),
                                           noise: noise, threshold: 0).array
    let mean = c.reduce(0, +) / Float(n)
    let mad = c.map { abs($0 - 1) }.reduce(0, +) / Float(n)
    #expect(abs(mean - 1) < 0.02)
    #expect(abs(mad - 0.5) < 0.02)
}

@Test("laplaceSample gradient is straight through the threshold", arguments: [Float(0), 0.05])
func laplaceSampleStraightThrough(threshold: Float) {
    // The straight-through gradient is the finite-difference gradient of the unthresholded sample shift + e.
    let shift = randomTensor([3, 5], seed: 91, scale: 0.2)
    let logScale = randomTensor([3, 5], seed: 92, scale: 0.3)
    var rng = RNG(seed: 93)
    let noise = Tensor((0..<15).map { _ in rng.uniform() - 0.5 }, shape: [3, 5])
    let tape = Tape()
    shift.requiresGrad = true; logScale.requiresGrad = true
    tape.backward(from: probe(tape, tape.laplaceSample(shift: shift, logScale: logScale, noise: noise, threshold: threshold)))
    let analytic = logScale.gradArray + shift.gradArray
    shift.requiresGrad = false; logScale.requiresGrad = false
    shift.zeroGrad(); logScale.zeroGrad()
    let err = GradientCheck.maxError(inputs: [shift, logScale], epsilon: 1e-3) { tape, t in
        probe(tape, tape.laplaceSample(shift: t[0], logScale: t[1], noise: noise, threshold: 0))
    }
    #expect(err < 1e-3)
    let unthresholded = logScale.gradArray + shift.gradArray
    #expect(zip(analytic, unthresholded).allSatisfy { abs($0 - $1) < 1e-5 })
}
