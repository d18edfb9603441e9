import Engine

/// An optimizer over a flat `ParameterStore`; its whole state is a few flat arrays and a step count.
public protocol Optimizer: AnyObject {
    /// One update of every parameter of `store` from `store.grads` with learning rate `lr`.
    func step(_ store: ParameterStore, lr: Float)
    /// A copy of the state a checkpoint must hold to resume bit for bit.
    var state: OptimizerState { get }
    /// Restores a state saved by `state` from an optimizer of the same kind over the same layout.
    func load(_ state: OptimizerState) throws
}

/// Runs `body` with the per-value rates of an update: the parameter groups' scale and decay when there are
/// groups, else a scale of 1 and `weightDecay · decayMask` (read at each step: `weightDecay` may change).
func withUpdateRates<T>(groups: (scale: [Float], decay: [Float])?, decayMask: [Float], weightDecay: Float,
                        _ body: (OptimizerKernels.Rates) -> T) -> T {
    (groups?.decay ?? decayMask).withUnsafeBufferPointer { d in
        let rates = { (scale: UnsafePointer<Float>?) in
            OptimizerKernels.Rates(scale: scale, decay: d.baseAddress!, decayFactor: groups == nil ? weightDecay : 1)
        }
        guard let scale = groups?.scale else { return body(rates(nil)) }
        return scale.withUnsafeBufferPointer { body(rates($0.baseAddress!)) }
    }
}

/// An optimizer's state: per-parameter buffers by slot name (`velocity`; `m`, `v`), each one value per
/// parameter in store order, and the number of updates taken (Adam's bias correction needs it).
public struct OptimizerState: Codable, Sendable, Equatable {
    /// `sgd`, `adam`, `adamw` or `lars`; loading into another kind fails.
    public var kind: String
    public var steps: Int
    public var slots: [String: [Float]]

    public init(kind: String, steps: Int, slots: [String: [Float]]) {
        self.kind = kind; self.steps = steps; self.slots = slots
    }

    /// The slot `name` of exactly `count` values, or a `OptimizerStateMismatch`.
    func slot(_ name: String, count: Int, kind expected: String) throws -> [Float] {
        guard kind == expected else { throw OptimizerStateMismatch(reason: "state of a \(kind) optimizer loaded into \(expected)") }
        guard let s = slots[name], s.count == count else {
            throw OptimizerStateMismatch(reason: "\(expected) slot '\(name)' has \(slots[name]?.count ?? 0) values, the model \(count)")
        }
        return s
    }
}

/// A saved optimizer state that does not fit the optimizer or model it is loaded into.
public struct OptimizerStateMismatch: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "optimizer state does not match: \(reason)" }
}

/// Which update rule, with its own hyper-parameters.
public enum OptimizerAlgorithm: Sendable, Equatable {
    case sgd(momentum: Float, nesterov: Bool)
    /// Adam (`decoupled: false`, L2 added to the gradient) or AdamW (`decoupled: true`).
    case adam(beta1: Float, beta2: Float, eps: Float, decoupled: Bool)
    case lars(momentum: Float, trustCoefficient: Float, nesterov: Bool)
}

/// A complete optimizer recipe: the rule plus weight decay and its BN/bias exclusion.
public struct OptimizerSettings: Sendable, Equatable {
    public var algorithm: OptimizerAlgorithm
    public var weightDecay: Float
    /// Batch-norm parameters and biases get no weight decay (and, for LARS, no trust-ratio adaptation).
    public var excludeBNAndBias: Bool

    public init(_ algorithm: OptimizerAlgorithm, weightDecay: Float = 0, excludeBNAndBias: Bool = false) {
        self.algorithm = algorithm; self.weightDecay = weightDecay; self.excludeBNAndBias = excludeBNAndBias
    }

    /// A fresh optimizer (zero state) over `store`.
    public func make(for store: ParameterStore) -> any Optimizer {
        switch algorithm {
        case let .sgd(momentum, nesterov):
            return SGD(store: store, momentum: momentum, weightDecay: weightDecay, nesterov: nesterov,
                       excludeBNAndBias: excludeBNAndBias)
        case let .adam(beta1, beta2, eps, decoupled):
            return Adam(store: store, beta1: beta1, beta2: beta2, eps: eps, weightDecay: weightDecay, decoupled: decoupled,
                        excludeBNAndBias: excludeBNAndBias)
        case let .lars(momentum, trust, nesterov):
            return LARS(store: store, momentum: momentum, weightDecay: weightDecay, trustCoefficient: trust,
                        nesterov: nesterov, excludeBNAndBias: excludeBNAndBias)
        }
    }
}

extension ParameterLayout {
    /// 1 for every parameter value that gets weight decay, 0 for batch-norm parameters and biases when
    /// `excludeBNAndBias` (their `isWeight` is false).
    func decayMask(excludeBNAndBias: Bool) -> [Float] {
        var mask = [Float](repeating: 1, count: parameterCount)
        if excludeBNAndBias {
            for info in parameters where !info.isWeight {
                for i in info.offset..<(info.offset + info.count) { mask[i] = 0 }
            }
        }
        return mask
    }

    /// Per-value learning-rate scales and weight decays when some parameter has its own group (`setGroup`), else
    /// nil; the others get scale 1 and `weightDecay` (0 for batch-norm parameters and biases when excluded).
    func groupRates(weightDecay: Float, excludeBNAndBias: Bool) -> (scale: [Float], decay: [Float])? {
        guard parameters.contains(where: { $0.learningRateScale != 1 || $0.weightDecay != nil }) else { return nil }
        var scale = [Float](repeating: 1, count: parameterCount), decay = [Float](repeating: 0, count: parameterCount)
        for info in parameters {
            let wd = info.weightDecay ?? (excludeBNAndBias && !info.isWeight ? 0 : weightDecay)
            for i in info.offset..<(info.offset + info.count) { scale[i] = info.learningRateScale; decay[i] = wd }
        }
        return (scale, decay)
    }
}
