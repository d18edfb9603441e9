import Contrastive
import Foundation
import Engine
import NN
import Testing

struct ManifoldCLRTests {
    /// `replicate loss manifold-clr` on 100,000 columns aborted allocating 2·10¹⁰ operator weights; now a problem.
    @Test func operatorsTooLargeForMemoryAreAnInputProblem() throws {
        let loss = ManifoldCLR()
        let wide = Tensor([Float](repeating: 0.5, count: 2 * 100_000), shape: [2, 100_000])
        #expect(loss.inputProblem(LossInput(views: [wide, wide]))?.contains("operator weights") == true)
        let (x, y) = randomViews(n: 4, d: 16, seed: 1)
        #expect(loss.inputProblem(LossInput(views: [x, y])) == nil)
    }

    @Test func fixtureLoads() {
        #expect(ManifoldFixture.shared?.cases.count ?? 0 >= 3,
                "Fixtures/manifold_reference.json unreadable; run /usr/bin/python3 scripts/manifold_reference.py")
    }

    @Test("value, terms and gradients match the PyTorch reference", arguments: ManifoldFixture.shared?.cases ?? [])
    func matchesPyTorch(c: ManifoldFixture.Case) {
        let (modules, store) = c.modules()
        let z0 = Tensor(c.z0, shape: [c.n, c.d], requiresGrad: true), z1 = Tensor(c.z1, shape: [c.n, c.d], requiresGrad: true)
        let tape = Tape()
        let terms = c.loss.objective(z0: z0, z1: z1, modules: modules, store: store, noise: c.noise, step: c.step,
                                     project: c.projection(tape), tape: tape)
        tape.backward(from: terms.total)
        func close(_ a: Float, _ b: Double, _ tol: Double) -> Bool { abs(Double(a) - b) <= tol * max(1, abs(b)) }
        #expect(close(terms.total.item, c.value, 1e-5), "total \(terms.total.item) vs \(c.value)")
        #expect(close(terms.contrast.item, c.terms["contrast"]!, 1e-5))
        #expect(close(terms.transport.item, c.terms["transport"]!, 1e-5))
        #expect(close(terms.kl.item, c.terms["kl"]!, 1e-5))
        #expect(close(terms.shiftL2.item, c.terms["shift_l2"]!, 1e-5))
        func gradError(_ got: [Float], _ want: [Double]) -> Double {
            let scale = max(1, want.map { abs($0) }.max() ?? 1)
            return zip(got, want).map { abs(Double($0) - $1) }.max()! / scale
        }
        #expect(gradError(z0.gradArray, c.grad_z0) < 1e-4)
        #expect(gradError(z1.gradArray, c.grad_z1) < 1e-4)
        let info = { (name: String) in store.layout.parameters.first { $0.name == name }! }
        let grad = { (name: String) in Array(UnsafeBufferPointer(start: store.grads + info(name).offset, count: info(name).count)) }
        #expect(gradError(grad("manifold.psi"), c.grad_psi) < 1e-4)
        #expect(gradError(grad("manifold.prior.shift.weight"), c.grad_prior_shift_weight) < 1e-4)
        #expect(gradError(grad("manifold.encoder.scale.weight"), c.grad_encoder_scale_weight) < 1e-4)
    }

    @Test("max-ELBO sampling keeps, per row, the candidate the reference chose", arguments: ManifoldFixture.shared?.cases ?? [])
    func maxELBOChoice(c: ManifoldFixture.Case) {
        let (modules, store) = c.modules()
        let z0 = Tensor(c.z0, shape: [c.n, c.d]), z1 = Tensor(c.z1, shape: [c.n, c.d])
        let loss = c.loss
        let tape = Tape.inference()
        let q = modules.coefficients.posterior(z0, z1, store, tape)
        // The sample drawn from the reference's chosen noise equals the objective's coefficients.
        let expected = tape.laplaceSample(shift: q.shift, logScale: q.logScale,
                                          noise: Tensor(c.chosen_noise, shape: q.shift.shape), threshold: loss.threshold)
        let terms = loss.objective(z0: z0, z1: z1, modules: modules, store: store, noise: c.noise, step: c.step,
                                   project: c.projection(tape), tape: tape)
        #expect(terms.coefficients.array == expected.array)
    }

    /// The features reach the encoder and prior only through stop-gradients, so finite differences in `z` differ
    /// from the tape's gradient by design (PyTorch's autograd is the check there). The parameters are checked here,
    /// with threshold 0 and one draw: the sample is then smooth in them (`shift + e`).
    @Test("gradients in the operators, encoder and prior match finite differences", arguments: [false, true])
    func gradientCheck(head: Bool) throws {
        let c = try #require(ManifoldFixture.shared?.cases.first { ($0.head != nil) == head })
        let (modules, store) = c.modules()
        var loss = c.loss
        loss.threshold = 0; loss.samples = 0
        let z0 = Tensor(c.z0, shape: [c.n, c.d]), z1 = Tensor(c.z1, shape: [c.n, c.d])
        let names = ["manifold.psi", "manifold.encoder.fc1.weight", "manifold.encoder.scale.weight",
                     "manifold.encoder.shift.bias", "manifold.prior.fc3.weight", "manifold.prior.shift.weight"]
        let views = names.map { name in
            let info = store.layout.parameters.first { $0.name == name }!
            return Tensor(view: store.values + info.offset, grad: store.grads + info.offset, shape: info.shape)
        }
        let err = GradientCheck.maxError(inputs: views, epsilon: 1e-3, samples: 24) { tape, _ in
            loss.objective(z0: z0, z1: z1, modules: modules, store: store, noise: c.noise, step: c.step,
                           project: c.projection(tape), tape: tape).total
        }
        #expect(err < 2e-3)
    }

    @Test("a few descent steps on the features and all modules lower the loss")
    func descentLowersLoss() throws {
        let c = try #require(ManifoldFixture.shared?.cases.first)
        let (modules, store) = c.modules()
        let z0 = Tensor(c.z0, shape: [c.n, c.d]), z1 = Tensor(c.z1, shape: [c.n, c.d])
        let loss = c.loss, noise = c.noise
        func value() -> Float {
            loss.objective(z0: z0, z1: z1, modules: modules, store: store, noise: noise, step: c.step, project: nil,
                           tape: Tape.inference()).total.item
        }
        let before = value()
        for _ in 0..<20 {
            for t in [z0, z1] { t.requiresGrad = true; t.zeroGrad() }
            store.zeroGrads()
            let tape = Tape()
            tape.backward(from: loss.objective(z0: z0, z1: z1, modules: modules, store: store, noise: noise, step: c.step,
                                               project: nil, tape: tape).total)
            for t in [z0, z1] { let g = t.gradBuffer(); for i in 0..<t.count { t.data[i] -= 0.05 * g[i] } }
            for i in 0..<store.count { store.values[i] -= 0.01 * store.grads[i] }
        }
        #expect(value() < before - 0.05)
    }

    @Test func warmups() {
        let loss = ManifoldCLR(klWeight: 2, priorWarmup: 10, klWarmup: 5)
        #expect(loss.priorBlend(step: 0) == 0 && loss.priorBlend(step: 5) == 0.5 && loss.priorBlend(step: 50) == 1)
        #expect(abs(loss.klWeight(step: 0) - 2 * Float(pow(5e-3, 0.8))) < 1e-6)
        #expect(loss.klWeight(step: 4) == 2 && loss.klWeight(step: 100) == 2)
        #expect(ManifoldCLR(klWeight: 2).klWeight(step: 0) == 2)
    }

    @Test("as a plain loss: registered, reproducible, and refuses features that do not split into blocks")
    func plainLoss() throws {
        let entry = try #require(LossRegistry.entry(named: "manifold-clr"))
        let loss = try entry.resolve(["blocks": 2, "dictionary_size": 3]).map(entry.make).get()
        let (x, y) = randomViews(n: 6, d: 8, seed: 4, noise: 0.2)
        let a = lossValue(loss, [x, y]), b = lossValue(loss, [x, y])
        #expect(a.isFinite && a == b)
        let (u, v) = randomViews(n: 6, d: 6, seed: 4)
        #expect(loss.inputProblem(LossInput(views: [u, v]))?.contains("even block width") == true)
        #expect(loss.inputProblem(LossInput(views: [x])) != nil)
        // The plain loss trains the features it is given (its own modules stay fixed).
        let descent = descend(loss, n: 6, d: 8, steps: 20, lr: 0.2, seed: 4)
        #expect(descent.after < descent.before - 0.05)
    }
}
