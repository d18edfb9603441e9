import Engine

/// Adam and AdamW over a flat parameter store.
///
/// - Paper: Kingma & Ba 2015 (Adam); Loshchilov & Hutter 2019 (AdamW, decoupled decay), in PyTorch's form:
///   `m ← β1 m + (1−β1) g`, `v ← β2 v + (1−β2) g²`, `p ← p − lr · m̂ / (√v̂ + ε)` with bias corrections;
///   Adam adds `λ p` to `g`, AdamW multiplies `p` by `1 − lr λ` first. Over the flat store `(P)`.
public final class Adam: Optimizer {
    public var beta1: Float, beta2: Float, eps: Float, weightDecay: Float
    public let decoupled: Bool
    public private(set) var m: [Float], v: [Float]
    public private(set) var steps = 0
    /// Per-value weight-decay factor: 0 for excluded batch-norm parameters and biases, else 1.
    private let decayMask: [Float]
    /// Per-value learning-rate scales and weight decays of parameter groups (nil: none).
    private let groups: (scale: [Float], decay: [Float])?

    public init(count: Int, beta1: Float = 0.9, beta2: Float = 0.999, eps: Float = 1e-8, weightDecay: Float = 0,
                decoupled: Bool = false) {
        self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        self.decoupled = decoupled
        m = [Float](repeating: 0, count: count); v = m
        decayMask = [Float](repeating: 1, count: count)
        groups = nil
    }

    /// An optimizer for `store`, optionally sparing batch-norm parameters and biases from weight decay.
    public init(store: ParameterStore, beta1: Float = 0.9, beta2: Float = 0.999, eps: Float = 1e-8,
                weightDecay: Float = 0, decoupled: Bool = false, excludeBNAndBias: Bool = false) {
        self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        self.decoupled = decoupled
        m = [Float](repeating: 0, count: store.count); v = m
        decayMask = store.layout.decayMask(excludeBNAndBias: excludeBNAndBias)
        groups = store.layout.groupRates(weightDecay: weightDecay, excludeBNAndBias: excludeBNAndBias)
    }

    /// One update of `values` from `grads` (both `count` long).
    public func step(values p: UnsafeMutablePointer<Float>, grads g: UnsafePointer<Float>, lr: Float) {
        steps += 1
        guard !m.isEmpty else { return }
        let b1 = beta1, b2 = beta2, e = eps
        // PyTorch's arithmetic: `denom = √v / √c2 + ε`, `p −= (lr / c1) · m / denom`.
        let c1 = 1 - Float(Double(b1).power(steps)), rootC2 = (1 - Float(Double(b2).power(steps))).squareRoot()
        withUpdateRates(groups: groups, decayMask: decayMask, weightDecay: weightDecay) { rates in
            m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                    OptimizerKernels.adam(m.count, p: p, g: g, m: m.baseAddress!, v: v.baseAddress!, rates: rates, lr: lr,
                                          beta1: b1, beta2: b2, eps: e, c1: c1, rootC2: rootC2, decoupled: decoupled)
                }
            }
        }
    }

    public func step(_ store: ParameterStore, lr: Float) { step(values: store.values, grads: store.grads, lr: lr) }

    var kind: String { decoupled ? "adamw" : "adam" }

    public var state: OptimizerState { OptimizerState(kind: kind, steps: steps, slots: ["m": m, "v": v]) }

    public func load(_ state: OptimizerState) throws {
        let newM = try state.slot("m", count: m.count, kind: kind), newV = try state.slot("v", count: v.count, kind: kind)
        m = newM; v = newV; steps = state.steps
    }
}

extension Double {
    @inline(__always) func power(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= self }
        return r
    }
}
