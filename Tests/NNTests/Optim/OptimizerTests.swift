import Testing
import Engine
import NN

@Test func optimReferenceFixtureLoads() throws {
    let f = try OptimReferenceFixture.load()
    #expect(Set(f.cases.map(\.optimizer)) == ["sgd", "adam", "adamw", "lars"])
}

@Test("optimizers follow PyTorch's ten-step trajectories", arguments: OptimReferenceFixture.shared?.cases ?? [])
func optimizerMatchesPyTorchTrajectory(c: OptimReferenceFixture.Case) throws {
    let f = try #require(OptimReferenceFixture.shared)
    let problem = OptimReferenceFixture.Problem(f)
    let optimizer = c.settings.make(for: problem.store)
    var worst = 0.0
    for (lr, expected) in zip(c.lrs, c.trajectory) {
        problem.computeGradients()
        optimizer.step(problem.store, lr: Float(lr))
        for (i, e) in expected.enumerated() { worst = max(worst, abs(Double(problem.store.values[i]) - e)) }
    }
    // The parameters stay O(1); float32 against PyTorch's float64 leaves ~1e-7.
    #expect(worst < 1e-5, "\(c.name): max |swift - torch| = \(worst)")
    // The run moved: a broken optimizer that does nothing cannot pass by staying at the start.
    #expect(zip(c.trajectory.last!, f.`init`["w"]! + f.`init`["bn.weight"]! + f.`init`["fc.bias"]!).contains { abs($0 - Double($1)) > 1e-3 })
}

@Test("a saved state resumes the same trajectory", arguments: OptimReferenceFixture.shared?.cases ?? [])
func optimizerStateRoundTrips(c: OptimReferenceFixture.Case) throws {
    let f = try #require(OptimReferenceFixture.shared)
    let straight = OptimReferenceFixture.Problem(f), resumed = OptimReferenceFixture.Problem(f)
    let a = c.settings.make(for: straight.store)
    var b = c.settings.make(for: resumed.store)
    for (step, lr) in c.lrs.enumerated() {
        if step == 5 {  // checkpoint: values and optimizer state into a fresh optimizer
            let saved = b.state
            #expect(saved.steps == 5 && saved.slots.values.allSatisfy { $0.count == resumed.store.count })
            b = c.settings.make(for: resumed.store)
            try b.load(saved)
        }
        straight.computeGradients(); a.step(straight.store, lr: Float(lr))
        resumed.computeGradients(); b.step(resumed.store, lr: Float(lr))
    }
    #expect(straight.store.valueArray == resumed.store.valueArray)
}

@Test func loadingAnotherOptimizersStateFails() throws {
    let f = try #require(OptimReferenceFixture.shared)
    let p = OptimReferenceFixture.Problem(f)
    let sgd = OptimizerSettings(.sgd(momentum: 0.9, nesterov: false)).make(for: p.store)
    let adam = OptimizerSettings(.adam(beta1: 0.9, beta2: 0.999, eps: 1e-8, decoupled: false)).make(for: p.store)
    #expect(throws: OptimizerStateMismatch.self) { try sgd.load(adam.state) }
    var short = sgd.state
    short.slots["velocity"] = [0]
    #expect(throws: OptimizerStateMismatch.self) { try sgd.load(short) }
}
