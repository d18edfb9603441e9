import Contrastive
import Engine
import Testing

/// The memory losses against the independent PyTorch reference (`scripts/method_reference.py`), with the same
/// queue, bank and sampled indices fed to both.
struct MethodReferenceTests {
    @Test func fixtureLoads() throws {
        let fixture = try MethodReferenceFixture.load()
        #expect(Set(fixture.cases.map(\.loss)) == ["moco", "instance-discrimination", "ring"])
        #expect(fixture.cases.contains { $0.loss == "ring" && $0.draws != nil })
        #expect(fixture.cases.contains { $0.loss == "ring" && $0.draws == nil })
        #expect(fixture.bank_updates.count == 2)
    }

    @Test(arguments: MethodReferenceFixture.shared?.cases ?? [])
    func valueAndGradientsMatchPyTorch(_ reference: MethodReferenceFixture.Case) throws {
        let fixture = try #require(MethodReferenceFixture.shared)
        let entry = try #require(LossRegistry.entry(named: reference.loss))
        let loss = entry.make(try entry.resolve(reference.parameters).get())
        let (input, query, key) = fixture.input(for: reference)
        if let p = reference.position, let ring = loss as? Ring {
            let w = ring.outerFraction(at: TrainingPosition(step: p.step, stepsPerEpoch: p.stepsPerEpoch))
            #expect(abs(w - p.outer) < 1e-12, "w_out \(w) vs the Ring code's schedule \(p.outer)")
        }
        let tape = Tape()
        let value = loss(input, tape: tape)
        tape.backward(from: value)
        // Relative, or absolute below 1: a near-zero loss is a difference of logits of ~1/τ in float32.
        #expect(abs(Double(value.item) - reference.value) <= 1e-5 * max(1, abs(reference.value)),
                "value \(value.item) vs PyTorch \(reference.value)")
        #expect(maxError(query.gradArray, reference.grad_q) <= 1e-4)
        if let key, let gk = reference.grad_k { #expect(maxError(key.gradArray, gk) <= 1e-4) }
    }

    @Test(arguments: [0, 1])
    func bankUpdateMatchesPyTorch(_ which: Int) throws {
        let fixture = try #require(MethodReferenceFixture.shared)
        let reference = fixture.bank_updates[which]
        let bank = MemoryBank(count: fixture.m, dim: fixture.d, momentum: reference.momentum, seed: 1)
        try bank.restore(["bank": fixture.bank])
        bank.update(indices: fixture.indices, values: Tape.inference().l2Normalize(Tensor(fixture.q, shape: [fixture.n, fixture.d])))
        #expect(maxError(bank.rows.array, reference.bank.map(Double.init)) <= 1e-6)
    }

    private func maxError(_ swift: [Float], _ torch: [Double]) -> Double {
        precondition(swift.count == torch.count)
        return zip(swift, torch).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? 0
    }
}
