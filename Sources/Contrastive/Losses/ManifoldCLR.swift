import Foundation
import Engine
import NN

/// ManifoldCLR: contrast a view against the other view's image moved along a learned manifold.
///
/// - Paper: Fallah, Helbling, Johnsen, Rozell, "Manifold Contrastive Learning with Variational Lie Group
///   Operators", TMLR 2024, as the official code computes it (github.com/kfallah/manifold-contrastive @15294ef,
///   src/**). With backbone
///   features `z0, z1 (N, D)` of two views, operators `T(c) = expm(Σ_m c_m Ψ_m)` (`ManifoldOperators`),
///   posterior `q(c | sg[z0, z1])` and learned prior `p(c | sg[z0])` (`ManifoldCoefficientEncoder`):
///   ```
///   c  ~ q, soft-thresholded by ζ (max-ELBO: the best of J draws from step `sampling_start` on)   (N, M)
///   c̃  ~ p, soft-thresholded by ζ;   z0_aug = T(c̃) z0                                            (N, D)
///   L_to = mean((T(c) z0 − sg[z1])²)                                                            scalar
///   KL   = 1/N Σ_{n,m} KL(Laplace(μq, bq) ‖ Laplace(μp, bp));   L2 = 1/N Σ_{n,m} μq²
///   L_con = NT-Xent(g(z0_aug), g(z1))  with a projection head g (cosine, τ),
///         = CE over logits −mean_d(a_i − b_j)² / τ, rows [z0_aug; z1] (2N), columns [z0_aug; z1; z0] (3N),
///           self column kept, target the other view, without a head
///   L = L_con + w_to L_to + w_KL(step) KL + w_l2 L2,  w_KL(step) = w_KL (5e-3)^(1 − min(step+1, W)/W) over W = kl_warmup
///   ```
/// The `ManifoldCLRMethod` trains it with the network's backbone and projector; called as a plain loss
/// (`replicate loss`), the views are taken as the features `z0, z1`, the modules are built from seed 0 and the
/// headless form is used.
public struct ManifoldCLR: ContrastiveLoss {
    public var temperature: Float
    public var dictionarySize: Int
    public var blocks: Int
    public var transportWeight: Float
    public var klWeight: Float
    public var l2Weight: Float
    /// `ζ`, the soft threshold on the sampled offsets.
    public var threshold: Float
    /// `J` max-ELBO candidates; 0 draws one sample.
    public var samples: Int
    public var samplingStart: Int
    public var priorWarmup: Int
    public var klWarmup: Int
    /// Per-group optimiser settings of the official code (operators; encoder and prior).
    public var operatorLR: Double, operatorWeightDecay: Double
    public var coefficientLR: Double, coefficientWeightDecay: Double
    let standalone = StandaloneModules()

    public init(temperature: Float = 0.5, dictionarySize: Int = 16, blocks: Int = 8, transportWeight: Float = 1,
                klWeight: Float = 1e-5, l2Weight: Float = 0, threshold: Float = 0, samples: Int = 0,
                samplingStart: Int = 5000, priorWarmup: Int = 10000, klWarmup: Int = 0,
                operatorLR: Double = 1e-3, operatorWeightDecay: Double = 1e-3,
                coefficientLR: Double = 1e-4, coefficientWeightDecay: Double = 1e-5) {
        precondition(temperature > 0 && dictionarySize > 0 && blocks > 0 && samples >= 0 && threshold >= 0)
        self.temperature = temperature; self.dictionarySize = dictionarySize; self.blocks = blocks
        self.transportWeight = transportWeight; self.klWeight = klWeight; self.l2Weight = l2Weight
        self.threshold = threshold; self.samples = samples; self.samplingStart = samplingStart
        self.priorWarmup = priorWarmup; self.klWarmup = klWarmup
        self.operatorLR = operatorLR; self.operatorWeightDecay = operatorWeightDecay
        self.coefficientLR = coefficientLR; self.coefficientWeightDecay = coefficientWeightDecay
    }

    /// The declared parameters, read by `make` through `LossArguments`.
    public enum Parameters {
        public static let temperature = LossParameter("temperature", default: 0.5, range: 1e-4...100, doc: "τ of the contrastive term")
        public static let dictionarySize = LossParameter("dictionary_size", default: 16, range: 1...4096, integer: true, doc: "M operators per block")
        public static let blocks = LossParameter("blocks", default: 8, range: 1...4096, integer: true,
                doc: "S diagonal blocks the feature is cut into (the official 8 blocks of 64)")
        public static let transopWeight = LossParameter("transop_weight", default: 1, range: 0...1e6, doc: "weight of the transport MSE")
        public static let klWeight = LossParameter("kl_weight", default: 1e-5, range: 0...1e3, doc: "weight of the KL to the learned prior")
        public static let l2Weight = LossParameter("l2_weight", default: 0, range: 0...1e3, doc: "weight of the posterior shift L2")
        public static let threshold = LossParameter("threshold", default: 0, range: 0...10, doc: "ζ, soft threshold of the sampled offsets")
        public static let samples = LossParameter("samples", default: 0, range: 0...1000, integer: true,
                doc: "J max-ELBO candidates per step (0: one draw, the official vi configs)")
        public static let samplingStart = LossParameter("sampling_start", default: 5000, range: 0...1e9, integer: true,
                doc: "step from which max-ELBO sampling runs (official max_sample_start_iter)")
        public static let priorWarmup = LossParameter("prior_warmup", default: 10000, range: 0...1e9, integer: true,
                doc: "steps over which the learned prior is blended in (official prior_warmup_iters; 0: none)")
        public static let klWarmup = LossParameter("kl_warmup", default: 0, range: 0...1e9, integer: true,
                doc: "steps of the official exponential KL warm-up (5000 in the no-head configs; 0: none)")
        public static let operatorLr = LossParameter("operator_lr", default: 1e-3, range: 0...10, doc: "learning rate of the operators Ψ")
        public static let operatorWeightDecay = LossParameter("operator_weight_decay", default: 1e-3, range: 0...10, doc: "weight decay of the operators Ψ")
        public static let coefficientLr = LossParameter("coefficient_lr", default: 1e-4, range: 0...10, doc: "learning rate of the encoder and prior")
        public static let coefficientWeightDecay = LossParameter("coefficient_weight_decay", default: 1e-5, range: 0...10,
                doc: "weight decay of the encoder and prior")
    }

    public static let entry = LossEntry(
        name: "manifold-clr",
        summary: "ManifoldCLR: NT-Xent against a manifold feature augmentation expm(Σ c_m Ψ_m) z0 with variational "
            + "Laplace coefficients, plus transport MSE, KL to a learned prior and a shift L2",
        paper: "Fallah et al., Manifold Contrastive Learning with Variational Lie Group Operators, TMLR 2024",
        parameters: [Parameters.temperature, Parameters.dictionarySize, Parameters.blocks, Parameters.transopWeight,
                     Parameters.klWeight, Parameters.l2Weight, Parameters.threshold, Parameters.samples,
                     Parameters.samplingStart, Parameters.priorWarmup, Parameters.klWarmup, Parameters.operatorLr,
                     Parameters.operatorWeightDecay, Parameters.coefficientLr, Parameters.coefficientWeightDecay],
        make: { p in
            ManifoldCLR(temperature: p.float(Parameters.temperature), dictionarySize: p.int(Parameters.dictionarySize),
                        blocks: p.int(Parameters.blocks), transportWeight: p.float(Parameters.transopWeight),
                        klWeight: p.float(Parameters.klWeight), l2Weight: p.float(Parameters.l2Weight),
                        threshold: p.float(Parameters.threshold), samples: p.int(Parameters.samples),
                        samplingStart: p.int(Parameters.samplingStart), priorWarmup: p.int(Parameters.priorWarmup),
                        klWarmup: p.int(Parameters.klWarmup), operatorLR: p.double(Parameters.operatorLr),
                        operatorWeightDecay: p.double(Parameters.operatorWeightDecay), coefficientLR: p.double(Parameters.coefficientLr),
                        coefficientWeightDecay: p.double(Parameters.coefficientWeightDecay))
        })

    /// The loss and its parts, each a scalar on the tape.
    public struct Terms {
        public var total: Tensor, contrast: Tensor, transport: Tensor, kl: Tensor, shiftL2: Tensor
        /// The coefficients the posterior sampled (after max-ELBO selection and thresholding).
        public var coefficients: Tensor
    }

    /// The blend of the learned prior at `step`.
    public func priorBlend(step: Int) -> Float { priorWarmup > 0 ? Swift.min(Float(step) / Float(priorWarmup), 1) : 1 }

    /// `w_KL` at `step`, with the official exponential warm-up when `klWarmup > 0`.
    public func klWeight(step: Int) -> Float {
        guard klWarmup > 0 else { return klWeight }
        let ratio = Double(Swift.min(step + 1, klWarmup)) / Double(klWarmup)
        return klWeight * Float(Foundation.pow(5e-3, 1 - ratio))
    }

    /// The objective for backbone features `z0, z1 (N, D)`; `project` is the projection head (nil: headless form).
    public func objective(z0: Tensor, z1: Tensor, modules: ManifoldModules, store: ParameterStore, noise: ManifoldNoise,
                          step: Int, project: ((Tensor) -> Tensor)?, tape: Tape) -> Terms {
        let n = z0.shape[0]
        let z0Stop = z0.copy(), z1Stop = z1.copy()
        let q = modules.coefficients.posterior(z0Stop, z1Stop, store, tape)
        let p = modules.coefficients.prior(z0Stop, warmup: priorBlend(step: step), store, tape)
        let u = samples > 0 && step >= samplingStart && !noise.candidates.isEmpty
            ? bestNoise(q, candidates: noise.candidates, z0: z0Stop, z1: z1Stop, operators: modules.operators, store: store,
                        context: tape.context)
            : noise.posterior
        let c = tape.laplaceSample(shift: q.shift, logScale: q.logScale, noise: u, threshold: threshold)
        let z1Hat = modules.operators.transport(z0, coefficients: c, store, tape)
        let transport = tape.mean(tape.square(tape.sub(z1Hat, z1Stop)))
        let cPrior = tape.laplaceSample(shift: p.shift, logScale: p.logScale, noise: noise.prior, threshold: threshold)
        let z0Aug = modules.operators.transport(z0, coefficients: cPrior, store, tape)
        let contrast = project.map { g in
            InfoNCE(temperature: temperature)(LossInput(views: [g(z0Aug), g(z1)]), tape: tape)
        } ?? Self.headlessContrast(z0Aug, z1, z0, temperature: temperature, tape: tape)
        let kl = tape.scale(tape.sum(tape.laplaceKL(shiftQ: q.shift, logScaleQ: q.logScale, shiftP: p.shift,
                                                     logScaleP: p.logScale)), by: 1 / Float(n))
        let l2 = tape.scale(tape.sum(tape.square(q.shift)), by: 1 / Float(n))
        var total = tape.add(contrast, tape.scale(transport, by: transportWeight))
        total = tape.add(total, tape.scale(kl, by: klWeight(step: step)))
        total = tape.add(total, tape.scale(l2, by: l2Weight))
        return Terms(total: total, contrast: contrast, transport: transport, kl: kl, shiftL2: l2, coefficients: c)
    }

    /// Max-ELBO sampling: per row, the candidate noise whose coefficients transport `z0` closest to `z1`
    /// (first one on ties, as `torch.argmin`); no gradient.
    func bestNoise(_ q: LaplaceParameters, candidates: [Tensor], z0: Tensor, z1: Tensor, operators: ManifoldOperators,
                   store: ParameterStore, context: EngineContext) -> Tensor {
        let tape = Tape.inference(context: context)
        let n = z0.shape[0], d = z0.shape[1], m = q.shift.shape[1]
        var best = [Float](repeating: .infinity, count: n)
        let chosen = Tensor(uninitialized: [n, m])
        for u in candidates {
            let c = tape.laplaceSample(shift: q.shift, logScale: q.logScale, noise: u, threshold: threshold)
            let moved = operators.transport(z0, coefficients: c, store, tape)
            for i in 0..<n {
                var err: Float = 0
                for j in 0..<d { let e = moved.data[i * d + j] - z1.data[i * d + j]; err += e * e }
                err /= Float(d)
                if err < best[i] { best[i] = err; (chosen.data + i * m).update(from: u.data + i * m, count: m) }
            }
        }
        return chosen
    }

    /// The headless contrastive term: similarity `−mean squared distance / τ`, `z0` as extra negatives, the self
    /// column kept (the official `lie_nt_xent_loss` with `mse=True`, `out_3 = z0`).
    static func headlessContrast(_ z0Aug: Tensor, _ z1: Tensor, _ z0: Tensor, temperature: Float, tape: Tape) -> Tensor {
        let n = z0Aug.shape[0], d = z0Aug.shape[1]
        let rows = tape.concat([z0Aug, z1], axis: 0)
        let columns = tape.concat([z0Aug, z1, z0], axis: 0)
        let logits = tape.scale(tape.pairwiseSquaredDistance(rows, columns), by: -1 / (Float(d) * temperature))
        return tape.crossEntropy(logits, targets: (0..<(2 * n)).map { $0 < n ? $0 + n : $0 - n })
    }
}
