import Engine
import NN

extension ManifoldCLR {
    /// The views as features `z0, z1 (N, D)`, the modules from seed 0 (built once per width), noise from
    /// `(0, step)`, the headless form. This is what `replicate loss manifold-clr` evaluates.
    public func callAsFunction(_ input: LossInput, tape: Tape) -> Tensor {
        precondition(inputProblem(input) == nil, "manifold-clr: \(inputProblem(input)!)")
        let z0 = input.views[0], z1 = input.views[1]
        let (modules, store) = standalone.modules(featureDim: z0.shape[1], loss: self)
        let step = input.position?.step ?? 0
        let noise = ManifoldNoise.draw(rows: z0.shape[0], operators: dictionarySize, samples: samples, seed: 0, step: step)
        return objective(z0: z0, z1: z1, modules: modules, store: store, noise: noise, step: step, project: nil,
                         tape: tape).total
    }

    public func inputProblem(_ input: LossInput) -> String? {
        if let problem = standardInputProblem(input) { return problem }
        let d = input.views[0].shape[1]
        if let problem = ManifoldModules.shapeProblem(featureDim: d, blocks: blocks) { return problem }
        // The operators Ψ are dictionary_size × blocks × (D/blocks)² numbers: refuse what cannot be allocated
        // (100,000 columns in 8 blocks would be 2·10¹⁰ floats) rather than fail the allocation.
        let operators = Double(dictionarySize) * Double(d) * Double(d) / Double(blocks)
        if operators > Double(1 << 28) {
            return "would need \(Int(operators)) operator weights (dictionary_size × D² / blocks) for D = \(d); at most 2^28"
        }
        return nil
    }
}

/// The modules a plain `ManifoldCLR` call uses, one set per feature width, initialised from seed 0.
final class StandaloneModules {
    private var built: [Int: (ManifoldModules, ParameterStore)] = [:]

    func modules(featureDim: Int, loss: ManifoldCLR) -> (ManifoldModules, ParameterStore) {
        if let b = built[featureDim] { return b }
        let layout = ParameterLayout()
        let modules = ManifoldModules(layout, featureDim: featureDim, dictionarySize: loss.dictionarySize, blocks: loss.blocks)
        var rng = RNG(seed: 0)
        let store = ParameterStore(layout: layout, rng: &rng)
        modules.operators.initialize(store, rng: &rng)
        built[featureDim] = (modules, store)
        return (modules, store)
    }
}
