import Contrastive
import Engine
import Testing

struct RingTests {
    func mocoInput(seed: UInt64 = 4, m: Int = 30) -> LossInput {
        let (q, k) = randomViews(n: 4, d: 5, seed: seed)
        return LossInput(views: [q, k], negatives: unitRows(m, 5, seed: seed + 1))
    }

    func bankInput(seed: UInt64 = 5, m: Int = 30) -> LossInput {
        let (q, _) = randomViews(n: 4, d: 5, seed: seed)
        return LossInput(views: [q], indices: [0, 7, 9, m - 1], negatives: unitRows(m, 5, seed: seed + 1),
                         draws: randomDraws(4, 6, seed: seed))
    }

    /// The first input from seeds 1, 2, … whose scores are all at least `gap` apart.
    func separated(_ make: (UInt64) -> LossInput, gap: Float = 5e-3) -> LossInput? {
        (1...500).lazy.map(make).first { smallestGap($0) > gap }
    }

    /// The smallest gap between two scores of one query: the ring is piecewise smooth, and a finite difference
    /// is only meaningful where its step cannot reorder the ranking.
    func smallestGap(_ input: LossInput) -> Float {
        let s = Tape.inference().matmul(Tape.inference().l2Normalize(input.views[0]), input.negatives!, transposeB: true)
        let m = s.shape[1]
        return (0..<s.shape[0]).map { r in
            let row = (0..<m).map { s.data[r * m + $0] }.sorted()
            return zip(row, row.dropFirst()).map { $1 - $0 }.min()!
        }.min()!
    }

    @Test("gradient matches finite differences (MoCo-Ring and IR-Ring)", arguments: [(0.5, 0.2), (0.1, 0.1), (1.0, 0.0)])
    func gradient(outer: Double, inner: Double) throws {
        let ring = Ring(temperature: 0.2, outer: outer, inner: inner)
        let moco = try #require(separated { mocoInput(seed: $0, m: 12) })
        let bank = try #require(separated { bankInput(seed: $0, m: 12) })
        #expect(memoryLossGradientError(ring, moco) < 2e-3)
        #expect(memoryLossGradientError(ring, bank) < 2e-3)
    }

    @Test("gradient descent on the queries lowers the loss", arguments: [true, false])
    func descent(moco: Bool) {
        let (before, after) = descendMemoryLoss(Ring(temperature: 0.2, outer: 0.5, inner: 0.1), moco ? mocoInput() : bankInput())
        #expect(after < before - 0.05, "loss \(before) → \(after)")
    }

    @Test("with the whole queue as the ring it is MoCo's loss")
    func wholeRingIsMoCo() {
        let inp = mocoInput()
        let ring = Ring(temperature: 0.07, outer: 1, inner: 0)(inp, tape: .inference()).item
        #expect(abs(ring - MoCoLoss(temperature: 0.07)(inp, tape: .inference()).item) < 1e-5)
    }

    @Test("w_out anneals linearly from 1 to outer over max_anneal_epoch epochs, then stays; off by default")
    func annealing() {
        let ring = Ring(outer: 0.1, inner: 0.1, annealEpochs: 2)
        let at = { (s: Int) in ring.outerFraction(at: TrainingPosition(step: s, stepsPerEpoch: 50)) }
        #expect(at(0) == 1)
        #expect(abs(at(99) - 0.1) < 1e-12 && at(100) == 0.1 && at(5000) == 0.1)
        #expect(abs(at(33) - (1 - 0.9 * 33 / 99)) < 1e-12)
        #expect(Ring(outer: 0.3).outerFraction(at: TrainingPosition(step: 0, stepsPerEpoch: 50)) == 0.3)
        let entry = Ring.entry
        let made = entry.make(try! entry.resolve(["linear_anneal": 1, "max_anneal_epoch": 3]).get()) as! Ring
        #expect(made.annealEpochs == 3 && (entry.make(try! entry.resolve([:]).get()) as! Ring).annealEpochs == nil)
    }
}
