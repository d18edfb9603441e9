import Engine
import NN
import Data

/// ManifoldCLR's training method: backbone features of two views, the operator dictionary and coefficient
/// encoder declared in the network's layout (so the optimiser and checkpoints cover them), the projector when the
/// network has one (the "with projection head" form), else the headless form. See `ManifoldCLR` for the loss.
///
/// - Paper: Fallah et al., TMLR 2024. Noise for the Laplace samples is drawn from `(seed, step)`; the operators
///   start from the official stable initialisation, drawn from the run's seed in `attach`.
public final class ManifoldCLRMethod: TrainingMethod {
    public let loss: any ContrastiveLoss
    public let manifold: ManifoldCLR
    public let modules: ManifoldModules
    /// The terms of the last step (for logs and tests).
    public private(set) var lastTerms: ManifoldCLR.Terms?
    private var context: TrainingContext?

    /// Declares the modules in `network.layout`: build the method before the store (the `Pretrainer`) is made.
    /// With the run's base learning rate, the operators and the encoder/prior get their own optimizer groups
    /// (`operator_lr`, `coefficient_lr` as multiples of it, following the schedule; their own weight decays), as
    /// the official parameter groups; without, they train with the network's settings.
    public init(loss: ManifoldCLR, network: ContrastiveNetwork, baseLearningRate: Double? = nil) {
        precondition(ManifoldModules.shapeProblem(featureDim: network.backbone.featureDim, blocks: loss.blocks) == nil,
                     "manifold-clr: \(ManifoldModules.shapeProblem(featureDim: network.backbone.featureDim, blocks: loss.blocks)!)")
        self.loss = loss; manifold = loss
        modules = ManifoldModules(network.layout, featureDim: network.backbone.featureDim,
                                  dictionarySize: loss.dictionarySize, blocks: loss.blocks)
        if let base = baseLearningRate, base > 0 {
            network.layout.setGroup(modules.operatorParameters, learningRateScale: Float(loss.operatorLR / base),
                                    weightDecay: Float(loss.operatorWeightDecay))
            network.layout.setGroup(modules.coefficientParameters, learningRateScale: Float(loss.coefficientLR / base),
                                    weightDecay: Float(loss.coefficientWeightDecay))
        }
    }

    public var viewCount: Int { 2 }

    public func attach(_ context: TrainingContext) {
        precondition(context.store.count == context.network.layout.parameterCount,
                     "ManifoldCLRMethod must be built before the parameter store")
        self.context = context
        var rng = RNG(seed: context.seed, stream: [0x5073_69])
        modules.operators.initialize(context.store, rng: &rng)
    }

    public func loss(_ batch: Batch, step: Int, tape: Tape) -> Tensor {
        guard let context else { preconditionFailure("ManifoldCLRMethod used before attach") }
        let n = batch.indices.count, store = context.store
        let z = context.network.features(batch.views, store, tape)
        let views = tape.split(z, axis: 0, sizes: [n, n])
        let noise = ManifoldNoise.draw(rows: n, operators: manifold.dictionarySize, samples: manifold.samples,
                                       seed: context.seed, step: step)
        let project = context.network.projector.map { head in { (x: Tensor) in head(x, store, tape) } }
        let terms = manifold.objective(z0: views[0], z1: views[1], modules: modules, store: store, noise: noise,
                                       step: step, project: project, tape: tape)
        lastTerms = terms
        return terms.total
    }

    public func afterStep(_ batch: Batch, step: Int) {}

    public var state: [String: [Float]] { [:] }

    public func restore(_ state: [String: [Float]]) throws {}
}
