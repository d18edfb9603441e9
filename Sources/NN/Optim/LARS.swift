import Engine

/// Layer-wise Adaptive Rate Scaling with momentum, as SimCLR trains.
///
/// - Paper: You, Gitman & Ginsburg, "Large Batch Training of Convolutional Networks", 2017; in the form of
///   SimCLR's reference code (github.com/google-research/simclr `lars_optimizer.py`, `classic_momentum=True`,
///   the default), per parameter tensor `p (P_t)`:
///   `g ← ∇ + λ p` (decayed tensors); `r ← η ‖p‖ / ‖g‖` when adapted and both norms are positive, else 1;
///   `v ← μ v + lr · r · g`; `p ← p − (nesterov ? μ v + lr · r · g : v)`.
///   With `excludeBNAndBias`, batch-norm parameters and biases get neither decay nor adaptation (SimCLR's
///   `exclude_from_weight_decay=['batch_normalization', 'bias']`, which `exclude_from_layer_adaptation`
///   defaults to). The learning rate is folded into `v`, so a schedule's change of `lr` acts through it.
public final class LARS: Optimizer {
    public var momentum: Float, weightDecay: Float, trustCoefficient: Float, nesterov: Bool
    public let excludeBNAndBias: Bool
    /// The momentum buffer `v` (already scaled by the learning rate), one value per parameter.
    public private(set) var velocity: [Float]
    public private(set) var steps = 0
    /// `(offset, count, adapted)` of each parameter tensor: norms are per tensor.
    private let tensors: [(offset: Int, count: Int, adapted: Bool, scale: Float, decay: Float?)]

    public init(store: ParameterStore, momentum: Float = 0.9, weightDecay: Float = 0, trustCoefficient: Float = 1e-3,
                nesterov: Bool = false, excludeBNAndBias: Bool = true) {
        self.momentum = momentum; self.weightDecay = weightDecay; self.trustCoefficient = trustCoefficient
        self.nesterov = nesterov; self.excludeBNAndBias = excludeBNAndBias
        velocity = [Float](repeating: 0, count: store.count)
        // A parameter group (`setGroup`) keeps its own rate and decay and, as the official ManifoldCLR groups'
        // `disable_layer_adaptation`, gets no trust ratio.
        tensors = store.layout.parameters.map {
            ($0.offset, $0.count, ($0.isWeight || !excludeBNAndBias) && $0.weightDecay == nil, $0.learningRateScale, $0.weightDecay)
        }
    }

    public func step(_ store: ParameterStore, lr: Float) {
        steps += 1
        let mu = momentum, eta = trustCoefficient, nest = nesterov
        velocity.withUnsafeMutableBufferPointer { vBuf in
            for t in tensors {
                let p = store.values + t.offset, g = store.grads + t.offset, v = vBuf.baseAddress! + t.offset
                let wd = t.decay ?? (t.adapted ? weightDecay : 0)
                var pp = 0.0, gg = 0.0
                for i in 0..<t.count {
                    let grad = Double(g[i] + wd * p[i])
                    pp += Double(p[i]) * Double(p[i]); gg += grad * grad
                }
                var trust: Float = 1
                if t.adapted, pp > 0, gg > 0 { trust = eta * Float(pp.squareRoot() / gg.squareRoot()) }
                let scaled = lr * trust * t.scale
                for i in 0..<t.count {
                    let grad = g[i] + wd * p[i]
                    v[i] = mu * v[i] + scaled * grad
                    p[i] -= nest ? mu * v[i] + scaled * grad : v[i]
                }
            }
        }
    }

    public var state: OptimizerState { OptimizerState(kind: "lars", steps: steps, slots: ["velocity": velocity]) }

    public func load(_ state: OptimizerState) throws {
        velocity = try state.slot("velocity", count: velocity.count, kind: "lars")
        steps = state.steps
    }
}
