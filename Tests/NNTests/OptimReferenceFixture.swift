import Engine
import Foundation
import NN
import Testing

/// `Fixtures/optim_reference.json`, written by `scripts/optim_reference.py` with PyTorch's optimizers (LARS:
/// SimCLR's reference rule transcribed to PyTorch).
struct OptimReferenceFixture: Decodable, Sendable {
    struct Options: Decodable, Sendable {
        var momentum: Double?
        var nesterov: Bool?
        var weight_decay: Double
        var exclude: Bool
        var betas: [Double]?
        var eps: Double?
        var trust: Double?
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var optimizer: String
        var options: Options
        var lrs: [Double]
        /// Parameter values (`w`, `bn.weight`, `fc.bias`, flattened) after each step.
        var trajectory: [[Double]]
        var testDescription: String { name }

        var settings: OptimizerSettings {
            let o = options
            let algorithm: OptimizerAlgorithm
            switch optimizer {
            case "sgd": algorithm = .sgd(momentum: Float(o.momentum ?? 0), nesterov: o.nesterov ?? false)
            case "lars": algorithm = .lars(momentum: Float(o.momentum ?? 0), trustCoefficient: Float(o.trust ?? 0),
                                           nesterov: o.nesterov ?? false)
            default: algorithm = .adam(beta1: Float(o.betas![0]), beta2: Float(o.betas![1]), eps: Float(o.eps!),
                                       decoupled: optimizer == "adamw")
            }
            return OptimizerSettings(algorithm, weightDecay: Float(o.weight_decay), excludeBNAndBias: o.exclude)
        }
    }

    var x: [Float]
    var t: [Float]
    var `init`: [String: [Float]]
    var cases: [Case]

    static func load() throws -> OptimReferenceFixture {
        guard let url = Bundle.module.url(forResource: "optim_reference", withExtension: "json", subdirectory: "Fixtures")
        else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey:
            "Fixtures/optim_reference.json missing from the test bundle; run /usr/bin/python3 scripts/optim_reference.py"]) }
        return try JSONDecoder().decode(OptimReferenceFixture.self, from: Data(contentsOf: url))
    }

    static let shared: OptimReferenceFixture? = try? load()

    /// The fixture's problem on a fresh store: `w` (a weight), `bn.weight` and `fc.bias` (excludable).
    struct Problem {
        let store: ParameterStore
        let w: ParamID, gamma: ParamID, bias: ParamID
        let x: Tensor, target: Tensor

        init(_ f: OptimReferenceFixture) {
            let layout = ParameterLayout()
            w = layout.parameter("w", [3, 4], isWeight: true, .constant(0))
            gamma = layout.parameter("bn.weight", [1, 3], isWeight: false, .constant(0))
            bias = layout.parameter("fc.bias", [1, 3], isWeight: false, .constant(0))
            var rng = RNG(seed: 0)
            store = ParameterStore(layout: layout, rng: &rng)
            store.load(values: f.`init`["w"]! + f.`init`["bn.weight"]! + f.`init`["fc.bias"]!, buffers: [])
            x = Tensor(f.x, shape: [8, 4]); target = Tensor(f.t, shape: [8, 3])
        }

        /// Gradients of `mean(((x wᵀ) ⊙ gamma + b − t)²)` into `store.grads`, by the engine.
        func computeGradients() {
            let tape = Tape()
            let y = tape.add(tape.mul(tape.linear(x, weight: store[w]), store[gamma]), store[bias])
            store.zeroGrads()
            tape.backward(from: tape.mean(tape.square(tape.sub(y, target))))
        }
    }
}
