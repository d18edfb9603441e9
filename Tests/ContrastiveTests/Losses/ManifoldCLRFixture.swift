import Contrastive
import Engine
import Foundation
import NN

/// `Fixtures/manifold_reference.json`, written by `scripts/manifold_reference.py` from independent PyTorch code.
struct ManifoldFixture: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomStringConvertible {
        var name: String
        var config: [String: Double]
        var head_dim: Int
        var z0: [Float], z1: [Float]
        var parameters: [String: [Float]]
        var head: [String: [Float]]?
        var noise_posterior: [Float], noise_prior: [Float], candidates: [[Float]], chosen_noise: [Float]
        var value: Double
        var terms: [String: Double]
        var grad_z0: [Double], grad_z1: [Double], grad_psi: [Double]
        var grad_prior_shift_weight: [Double], grad_encoder_scale_weight: [Double]

        var description: String { name }
        var n: Int { Int(config["n"]!) }
        var d: Int { Int(config["d"]!) }
        var step: Int { Int(config["step"]!) }

        var loss: ManifoldCLR {
            let c = config
            return ManifoldCLR(temperature: Float(c["temperature"]!), dictionarySize: Int(c["dictionary_size"]!),
                               blocks: Int(c["blocks"]!), transportWeight: Float(c["transop_weight"]!),
                               klWeight: Float(c["kl_weight"]!), l2Weight: Float(c["l2_weight"]!),
                               threshold: Float(c["threshold"]!), samples: Int(c["samples"]!),
                               samplingStart: Int(c["sampling_start"]!), priorWarmup: Int(c["prior_warmup"]!),
                               klWarmup: Int(c["kl_warmup"]!))
        }

        /// Modules in a fresh layout with the fixture's parameter values loaded by name.
        func modules() -> (ManifoldModules, ParameterStore) {
            let layout = ParameterLayout()
            let m = ManifoldModules(layout, featureDim: d, dictionarySize: loss.dictionarySize, blocks: loss.blocks)
            var rng = RNG(seed: 1)
            let store = ParameterStore(layout: layout, rng: &rng)
            for info in layout.parameters {
                let values = parameters[info.name]!
                precondition(values.count == info.count, "\(info.name): \(values.count) values for \(info.shape)")
                values.withUnsafeBufferPointer { (store.values + info.offset).update(from: $0.baseAddress!, count: info.count) }
            }
            return (m, store)
        }

        var noise: ManifoldNoise {
            let m = loss.dictionarySize
            return ManifoldNoise(posterior: Tensor(noise_posterior, shape: [n, m]), prior: Tensor(noise_prior, shape: [n, m]),
                                 candidates: candidates.map { Tensor($0, shape: [n, m]) })
        }

        /// The fixture's linear projection head on `tape`, or nil for the headless form.
        func projection(_ tape: Tape) -> ((Tensor) -> Tensor)? {
            guard let head else { return nil }
            let w = Tensor(head["weight"]!, shape: [head_dim, d]), b = Tensor(head["bias"]!, shape: [head_dim])
            return { x in tape.linear(x, weight: w, bias: b) }
        }
    }

    var cases: [Case]

    static let shared: ManifoldFixture? = {
        guard let url = Bundle.module.url(forResource: "manifold_reference", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(ManifoldFixture.self, from: data)
    }()
}
