import Contrastive
import Engine
import Foundation
import NN
import Testing

struct ManifoldCoefficientEncoderTests {
    @Test("at warm-up 0 the prior is the hyper-prior: scale 0.01, shift 0; at 1 it is the learned prior")
    func priorWarmup() {
        let layout = ParameterLayout()
        let enc = ManifoldCoefficientEncoder(layout, featureDim: 6, hidden: 4, dictionarySize: 3)
        var rng = RNG(seed: 2)
        let store = ParameterStore(layout: layout, rng: &rng)
        let (z, _) = randomViews(n: 5, d: 6, seed: 1)
        let tape = Tape.inference()
        let cold = enc.prior(z, warmup: 0, store, tape)
        #expect(cold.logScale.array.allSatisfy { abs($0 - Foundation.log(0.01)) < 1e-6 })
        #expect(cold.shift.array.allSatisfy { $0 == 0 })
        let warm = enc.prior(z, warmup: 1, store, tape), half = enc.prior(z, warmup: 0.5, store, tape)
        for i in 0..<warm.shift.count {
            // Half-way: half the learned shift plus half the hyper-prior shift with its sign.
            let learned = warm.shift.data[i]
            let want = 0.5 * learned + 0.5 * 0.05 * (learned > 0 ? 1 : -1)
            #expect(abs(half.shift.data[i] - want) < 1e-6)
            #expect(abs(half.logScale.data[i] - (0.5 * warm.logScale.data[i] + 0.5 * Foundation.log(0.01))) < 1e-5)
        }
    }

    @Test("posterior heads are clamped and offset by the hyper-prior")
    func posteriorOffsets() {
        let layout = ParameterLayout()
        let enc = ManifoldCoefficientEncoder(layout, featureDim: 4, hidden: 4, dictionarySize: 2)
        var rng = RNG(seed: 3)
        let store = ParameterStore(layout: layout, rng: &rng)
        // Blow up the heads' biases: the clamps bound log-scale by 3 + ln 0.01 and shift by 5.05.
        for info in layout.parameters where info.name.hasSuffix("encoder.scale.bias") || info.name.hasSuffix("encoder.shift.bias") {
            (store.values + info.offset).update(repeating: 100, count: info.count)
        }
        let (x, y) = randomViews(n: 3, d: 4, seed: 5)
        let q = enc.posterior(x, y, store, Tape.inference())
        #expect(q.logScale.array.allSatisfy { abs($0 - (3 + Foundation.log(0.01))) < 1e-5 })
        #expect(q.shift.array.allSatisfy { abs($0 - 5.05) < 1e-5 })
    }
}
