import Testing
import Engine

@Test("dropout keeps about 1 - p of the values, scaled by 1 / (1 - p)", arguments: [Float(0.1), 0.5, 0.8])
func dropoutKeepsTheRightFraction(p: Float) {
    let x = Tensor([Float](repeating: 2, count: 20_000), shape: [100, 200])
    var rng = RNG(seed: 31)
    let y = Tape(training: true, recording: false).dropout(x, probability: p, rng: &rng)
    let kept = y.array.filter { $0 != 0 }
    #expect(kept.allSatisfy { abs($0 - 2 / (1 - p)) < 1e-5 })
    let fraction = Double(kept.count) / 20_000
    // Binomial standard deviation is below 0.0036 here; 5 of them.
    #expect(abs(fraction - Double(1 - p)) < 0.018)
}

@Test func dropoutIsTheIdentityInEvaluationAndSeededInTraining() {
    let x = randomTensor([4, 8], seed: 32)
    var rng = RNG(seed: 1)
    #expect(Tape.inference().dropout(x, probability: 0.5, rng: &rng) === x)
    #expect(rng == RNG(seed: 1))  // evaluation draws nothing
    var a = RNG(seed: 7), b = RNG(seed: 7)
    let ya = Tape().dropout(x, probability: 0.5, rng: &a), yb = Tape().dropout(x, probability: 0.5, rng: &b)
    #expect(ya.array == yb.array)
    var c = RNG(seed: 8)
    #expect(Tape().dropout(x, probability: 0.5, rng: &c).array != ya.array)
}

@Test("dropout gradients match finite differences", arguments: [Float(0.2), 0.5])
func dropoutGradient(p: Float) {
    let x = randomTensor([3, 5, 2], seed: 33)
    // Each evaluation re-draws the same mask from the same seed.
    #expect(GradientCheck.maxError(inputs: [x]) { tape, t in
        var rng = RNG(seed: 34)
        return probe(tape, tape.dropout(t[0], probability: p, rng: &rng))
    } < 1e-3)
}
