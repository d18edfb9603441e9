import Contrastive
import Testing

@Test("negative draws are non-negative and a pure function of (seed, step)")
func negativeDraws() {
    let a = NegativeDraws.draws(count: 1000, seed: 5, step: 17)
    #expect(a == NegativeDraws.draws(count: 1000, seed: 5, step: 17))
    #expect(a != NegativeDraws.draws(count: 1000, seed: 5, step: 18) && a != NegativeDraws.draws(count: 1000, seed: 6, step: 17))
    #expect(a.allSatisfy { $0 >= 0 })
    // Modulo a small set they cover it roughly evenly (uniform with replacement).
    let counts = a.reduce(into: [Int](repeating: 0, count: 4)) { $0[$1 % 4] += 1 }
    #expect(counts.allSatisfy { $0 > 200 && $0 < 300 }, "\(counts)")
}
