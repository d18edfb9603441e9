import Engine

/// All of a model's parameters in one flat buffer and their gradients in another.
///
/// Zeroing gradients, EMA updates, trust ratios and checkpoints are single loops or single writes.
public final class ParameterStore {
    public let layout: ParameterLayout
    /// Number of parameters.
    public let count: Int
    public let values: UnsafeMutablePointer<Float>
    public let grads: UnsafeMutablePointer<Float>
    /// Running statistics and other non-trainable state.
    public let buffers: UnsafeMutablePointer<Float>
    public let bufferCount: Int
    private var views: [Tensor] = []
    private var bufferViews: [Tensor] = []

    /// Allocates and initialises every parameter from `rng`, in layout order.
    public init(layout: ParameterLayout, rng: inout RNG) {
        self.layout = layout
        count = layout.parameterCount
        bufferCount = layout.bufferCount
        values = .allocate(capacity: max(count, 1))
        grads = .allocate(capacity: max(count, 1))
        grads.initialize(repeating: 0, count: max(count, 1))
        buffers = .allocate(capacity: max(bufferCount, 1))
        for info in layout.parameters {
            let p = values + info.offset
            switch info.initializer {
            case .uniformFanIn(let fanIn):
                let bound = 1 / Float(fanIn).squareRoot()
                for i in 0..<info.count { p[i] = rng.uniform(-bound, bound) }
            case .normal(let std):
                for i in 0..<info.count { p[i] = rng.normal() * std }
            case .constant(let v):
                p.update(repeating: v, count: info.count)
            }
            views.append(Tensor(view: p, grad: grads + info.offset, shape: info.shape))
        }
        for b in layout.buffers {
            (buffers + b.offset).initialize(repeating: b.initial, count: b.shape.reduce(1, *))
            bufferViews.append(Tensor(view: buffers + b.offset, grad: nil, shape: b.shape))
        }
    }

    deinit { values.deallocate(); grads.deallocate(); buffers.deallocate() }

    /// The parameter as a tensor view (its gradient is the matching slice of `grads`).
    public subscript(id: ParamID) -> Tensor { views[id.index] }
    /// The buffer as a tensor view.
    public func buffer(_ id: BufferID) -> Tensor { bufferViews[id.index] }

    public func zeroGrads() { grads.update(repeating: 0, count: count) }

    /// Copies values and buffers from a store of the same layout.
    public func copy(from other: ParameterStore) {
        precondition(other.count == count && other.bufferCount == bufferCount, "copy between different layouts")
        values.update(from: other.values, count: count)
        buffers.update(from: other.buffers, count: bufferCount)
    }

    /// `self = m * self + (1 - m) * other` over every parameter: the momentum (EMA) encoder update.
    /// Buffers are not touched: MoCo's key encoder tracks its own running statistics in training mode.
    public func ema(toward other: ParameterStore, momentum m: Float) {
        precondition(other.count == count)
        for i in 0..<count { values[i] = m * values[i] + (1 - m) * other.values[i] }
    }

    /// Values as an array (checkpoints, tests).
    public var valueArray: [Float] { Array(UnsafeBufferPointer(start: values, count: count)) }
    public var bufferArray: [Float] { Array(UnsafeBufferPointer(start: buffers, count: bufferCount)) }

    /// Restores values and buffers saved by `valueArray` / `bufferArray`.
    public func load(values v: [Float], buffers b: [Float]) {
        precondition(v.count == count && b.count == bufferCount, "checkpoint does not match the model")
        v.withUnsafeBufferPointer { values.update(from: $0.baseAddress!, count: count) }
        if bufferCount > 0 { b.withUnsafeBufferPointer { buffers.update(from: $0.baseAddress!, count: bufferCount) } }
    }
}
