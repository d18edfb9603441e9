import Engine

/// Stochastic gradient descent with momentum, optional Nesterov, and L2 weight decay.
///
/// - Paper: PyTorch's `torch.optim.SGD` form, used by every paper here:
///   `g ← ∇ + λ p`; `v ← μ v + g`; `p ← p − lr · (nesterov ? g + μ v : v)`, over the flat store `(P)`.
public final class SGD {
    public var momentum: Float, weightDecay: Float, nesterov: Bool
    /// When true, batch-norm parameters and biases get no weight decay.
    public var excludeBNAndBias: Bool
    /// The momentum buffer `v`, one value per parameter (saved in checkpoints).
    public private(set) var velocity: [Float]
    private let decayMask: [Float]

    public init(store: ParameterStore, momentum: Float = 0.9, weightDecay: Float = 0, nesterov: Bool = false,
                excludeBNAndBias: Bool = false) {
        self.momentum = momentum; self.weightDecay = weightDecay; self.nesterov = nesterov
        self.excludeBNAndBias = excludeBNAndBias
        velocity = [Float](repeating: 0, count: store.count)
        var mask = [Float](repeating: 1, count: store.count)
        if excludeBNAndBias {
            for info in store.layout.parameters where !info.isWeight {
                for i in info.offset..<(info.offset + info.count) { mask[i] = 0 }
            }
        }
        decayMask = mask
    }

    /// One update of every parameter in `store` with learning rate `lr`.
    public func step(_ store: ParameterStore, lr: Float) {
        let p = store.values, g = store.grads, mu = momentum, wd = weightDecay, nest = nesterov
        velocity.withUnsafeMutableBufferPointer { v in
            decayMask.withUnsafeBufferPointer { mask in
                for i in 0..<store.count {
                    let grad = g[i] + wd * mask[i] * p[i]
                    v[i] = mu * v[i] + grad
                    p[i] -= lr * (nest ? grad + mu * v[i] : v[i])
                }
            }
        }
    }

    /// Restores a saved momentum buffer.
    public func load(velocity saved: [Float]) {
        precondition(saved.count == velocity.count, "optimizer state does not match the model")
        velocity = saved
    }
}
