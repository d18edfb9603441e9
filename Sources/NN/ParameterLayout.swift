import Engine

/// Handle of one parameter tensor in a `ParameterStore`.
public struct ParamID: Hashable, Sendable { public let index: Int }
/// Handle of one non-trainable buffer (batch-norm running statistics).
public struct BufferID: Hashable, Sendable { public let index: Int }

/// How a parameter starts.
public enum Initializer: Sendable {
    /// PyTorch's default for conv and linear weights and biases: `U(-1/√fanIn, 1/√fanIn)`
    /// (kaiming-uniform with a = √5 reduces to this bound).
    case uniformFanIn(Int)
    case normal(std: Float)
    case constant(Float)
}

/// Description of a parameter, kept for checkpoints, weight-decay exclusion and reports.
public struct ParameterInfo: Sendable {
    public var name: String
    public var shape: [Int]
    public var offset: Int
    public var count: Int { shape.reduce(1, *) }
    /// False for batch-norm affine parameters and biases (the optimizers' `exclude_bn_bias`).
    public var isWeight: Bool
    public var initializer: Initializer
    /// The parameter's learning rate as a multiple of the scheduled one (a PyTorch parameter group's own `lr`).
    public var learningRateScale: Float = 1
    /// The parameter's own weight decay (a parameter group's `weight_decay`); nil: the optimizer's.
    public var weightDecay: Float? = nil
}

/// Collects a model's parameters while its layers are built; a `ParameterStore` then allocates them
/// as one flat buffer. Layers keep only `ParamID`s, so the same layer graph runs on several stores
/// (a MoCo key encoder is the query encoder's graph with its own store).
public final class ParameterLayout {
    public private(set) var parameters: [ParameterInfo] = []
    public private(set) var buffers: [(name: String, shape: [Int], offset: Int, initial: Float)] = []
    public private(set) var parameterCount = 0
    public private(set) var bufferCount = 0

    public init() {}

    public func parameter(_ name: String, _ shape: [Int], isWeight: Bool, _ initializer: Initializer) -> ParamID {
        parameters.append(ParameterInfo(name: name, shape: shape, offset: parameterCount, isWeight: isWeight,
                                        initializer: initializer))
        parameterCount += shape.reduce(1, *)
        return ParamID(index: parameters.count - 1)
    }

    /// Puts the named parameters in their own optimizer group: learning rate `learningRateScale` times the
    /// scheduled rate and weight decay `weightDecay` (ManifoldCLR's operators and coefficient encoder).
    public func setGroup(_ names: Set<String>, learningRateScale: Float, weightDecay: Float) {
        for i in parameters.indices where names.contains(parameters[i].name) {
            parameters[i].learningRateScale = learningRateScale
            parameters[i].weightDecay = weightDecay
        }
    }

    public func buffer(_ name: String, _ shape: [Int], initial: Float) -> BufferID {
        buffers.append((name, shape, bufferCount, initial))
        bufferCount += shape.reduce(1, *)
        return BufferID(index: buffers.count - 1)
    }
}
