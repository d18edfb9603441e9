import Contrastive
import Engine
import Testing

@Test("noise is uniform in (-1/2, 1/2), a pure function of (seed, step), fresh per step and per use")
func manifoldNoiseDraws() {
    let a = ManifoldNoise.draw(rows: 64, operators: 8, samples: 3, seed: 7, step: 2)
    let b = ManifoldNoise.draw(rows: 64, operators: 8, samples: 3, seed: 7, step: 2)
    let c = ManifoldNoise.draw(rows: 64, operators: 8, samples: 3, seed: 7, step: 3)
    #expect(a.posterior.array == b.posterior.array && a.candidates.map(\.array) == b.candidates.map(\.array))
    #expect(a.posterior.array != c.posterior.array && a.posterior.array != a.prior.array)
    #expect(a.candidates.count == 3 && a.candidates[0].shape == [64, 8])
    let all = a.posterior.array + a.prior.array + a.candidates.flatMap(\.array)
    #expect(all.allSatisfy { $0 >= -0.5 && $0 < 0.5 })
    #expect(abs(all.reduce(0, +) / Float(all.count)) < 0.02)
}
