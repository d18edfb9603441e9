import Engine

/// Stochastic gradient descent with momentum, optional Nesterov, and L2 weight decay.
///
/// - Paper: PyTorch's `torch.optim.SGD` form, used by every paper here:
///   `g ← ∇ + λ p`; `v ← μ v + g`; `p ← p − lr · (nesterov ? g + μ v : v)`, over the flat store `(P)`.
public final class SGD: Optimizer {
    public var momentum: Float, weightDecay: Float, nesterov: Bool
    /// When true, batch-norm parameters and biases get no weight decay.
    public let excludeBNAndBias: Bool
    /// The momentum buffer `v`, one value per parameter (saved in checkpoints).
    public private(set) var velocity: [Float]
    public private(set) var steps = 0
    private let decayMask: [Float]
    /// Per-value learning-rate scales and weight decays of parameter groups (nil: none).
    private let groups: (scale: [Float], decay: [Float])?

    public init(store: ParameterStore, momentum: Float = 0.9, weightDecay: Float = 0, nesterov: Bool = false,
                excludeBNAndBias: Bool = false) {
        self.momentum = momentum; self.weightDecay = weightDecay; self.nesterov = nesterov
        self.excludeBNAndBias = excludeBNAndBias
        velocity = [Float](repeating: 0, count: store.count)
        decayMask = store.layout.decayMask(excludeBNAndBias: excludeBNAndBias)
        groups = store.layout.groupRates(weightDecay: weightDecay, excludeBNAndBias: excludeBNAndBias)
    }

    /// One update of every parameter in `store` with learning rate `lr`.
    public func step(_ store: ParameterStore, lr: Float) {
        steps += 1
        guard store.count > 0 else { return }
        withUpdateRates(groups: groups, decayMask: decayMask, weightDecay: weightDecay) { rates in
            velocity.withUnsafeMutableBufferPointer { u in
                OptimizerKernels.sgd(store.count, p: store.values, g: store.grads, velocity: u.baseAddress!, rates: rates,
                                     lr: lr, momentum: momentum, nesterov: nesterov)
            }
        }
    }

    public var state: OptimizerState { OptimizerState(kind: "sgd", steps: steps, slots: ["velocity": velocity]) }

    public func load(_ state: OptimizerState) throws {
        velocity = try state.slot("velocity", count: velocity.count, kind: "sgd")
        steps = state.steps
    }

    /// Restores a saved momentum buffer.
    public func load(velocity saved: [Float]) {
        precondition(saved.count == velocity.count, "optimizer state does not match the model")
        velocity = saved
    }
}
