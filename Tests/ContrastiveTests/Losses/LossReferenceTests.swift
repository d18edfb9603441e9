import Contrastive
import Engine
import Testing

/// Every registered loss against the independent PyTorch reference (`scripts/loss_reference.py`).
struct LossReferenceTests {
    @Test func fixtureLoads() throws {
        let fixture = try LossReferenceFixture.load()
        #expect(fixture.inputs.count == 3)
        // Every registered loss has a PyTorch reference: batch losses here, the memory losses (queue, bank) in
        // method_reference.json, whose fixture test lists them; manifold-clr (with its own modules) in
        // manifold_reference.json (ManifoldCLRTests).
        let memoryLosses: Set = ["moco", "instance-discrimination", "ring"]
        let referenced = Set(fixture.cases.map(\.loss)).union(memoryLosses).union(["manifold-clr"])
        #expect(referenced == Set(LossRegistry.names), "every registered loss has a reference")
        #expect(fixture.metrics.count == 8)
    }

    @Test(arguments: LossReferenceFixture.shared?.cases ?? [])
    func valueAndGradientsMatchPyTorch(_ reference: LossReferenceFixture.Case) throws {
        let fixture = try #require(LossReferenceFixture.shared)
        let input = try #require(fixture.input(named: reference.input))
        let entry = try #require(LossRegistry.entry(named: reference.loss))
        let parameters = try entry.resolve(reference.parameters).get()
        let loss = entry.make(parameters)
        let views = input.tensors()
        try #require(loss.viewCount == views.count && reference.grads.count == views.count)

        let tape = Tape()
        let value = loss(LossInput(views: views), tape: tape)
        tape.backward(from: value)

        let relative = abs(Double(value.item) - reference.value) / abs(reference.value)
        #expect(relative <= 1e-5, "value \(value.item) vs PyTorch \(reference.value)")
        for (k, view) in views.enumerated() {
            #expect(maxGradientError(view.gradArray, reference.grads[k]) <= 1e-4, "gradient of view \(k)")
        }
    }

    @Test(arguments: LossReferenceFixture.shared?.metrics ?? [])
    func metricsMatchPyTorch(_ reference: LossReferenceFixture.Metric) throws {
        let fixture = try #require(LossReferenceFixture.shared)
        let input = try #require(fixture.input(named: reference.input))
        let value: Double
        switch reference.metric {
        case "alignment":
            value = AlignUniform.alignment(x: input.x, y: input.y, dimension: input.d, alpha: try #require(reference.alpha))
        case "uniformity":
            value = AlignUniform.uniformity(x: input.x, dimension: input.d, t: try #require(reference.t))
        default:
            Issue.record("unknown metric \(reference.metric)"); return
        }
        #expect(abs(value - reference.value) <= 1e-5 * abs(reference.value), "\(value) vs PyTorch \(reference.value)")
    }

    /// Largest `|swift - torch| / max(1, |torch|)` over the elements.
    private func maxGradientError(_ swift: [Float], _ torch: [Double]) -> Double {
        precondition(swift.count == torch.count)
        return zip(swift, torch).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? 0
    }
}
