/// A dense float32 array with an optional gradient buffer of the same size.
///
/// Memory is explicit (llm.c style): a tensor owns a malloc'd buffer, or is a view into a larger
/// store (parameters live in one flat `ParameterStore` buffer, so their tensors are views).
/// Hot loops take `data`/`grad` pointers directly; indexing a `[Float]` held in a class is ~30× slower.
public final class Tensor {
    /// Row-major shape. Image activations inside the engine use `(C, N, H, W)`; see `Conv2D`.
    public let shape: [Int]
    /// Number of elements, the product of `shape`.
    public let count: Int
    /// The values.
    public let data: UnsafeMutablePointer<Float>
    /// The gradient, allocated (zeroed) on first use by `gradBuffer()`; gradients accumulate into it.
    public private(set) var grad: UnsafeMutablePointer<Float>?
    /// Whether ops record a pullback for this tensor on a recording tape.
    public var requiresGrad: Bool
    /// 1 for the row-major layout of `shape`; `L > 1` for a `(C, N, H, W)` image held channel-blocked, oneDNN's
    /// `nChw{L}c` over the whole batch (see `ChannelBlocking`). Its gradient has the same layout. Only the ops
    /// of an encoder's conv → batch norm → pool chain take such tensors; `Tape.plainLayout` returns to `shape`'s.
    public internal(set) var channelBlock = 1
    private let ownsData: Bool
    private var ownsGrad: Bool
    /// Keeps the owner of a view's memory alive as long as the view.
    private let base: AnyObject?

    /// A zero-filled tensor that owns its memory.
    public init(zeros shape: [Int], requiresGrad: Bool = false) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.data = Allocator.floats(max(count, 1))
        self.data.initialize(repeating: 0, count: max(count, 1))
        CostCounter.addBytes(count * 4)
        self.grad = nil
        self.requiresGrad = requiresGrad
        self.ownsData = true
        self.ownsGrad = false
        self.base = nil
    }

    /// An uninitialised tensor that owns its memory; the caller writes every element.
    public init(uninitialized shape: [Int]) {
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.data = Allocator.floats(max(count, 1))
        CostCounter.addBytes(count * 4)
        self.grad = nil
        self.requiresGrad = false
        self.ownsData = true
        self.ownsGrad = false
        self.base = nil
    }

    /// A tensor holding a copy of `values`.
    public convenience init(_ values: [Float], shape: [Int], requiresGrad: Bool = false) {
        precondition(values.count == shape.reduce(1, *), "\(values.count) values for shape \(shape)")
        self.init(uninitialized: shape)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
        self.requiresGrad = requiresGrad
    }

    /// A view into memory owned elsewhere (a parameter in a flat store, or `base`). Neither buffer is
    /// freed here; `base`, when given, is kept alive as long as the view.
    public init(view data: UnsafeMutablePointer<Float>, grad: UnsafeMutablePointer<Float>?, shape: [Int],
                base: AnyObject? = nil) {
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.data = data
        self.grad = grad
        self.requiresGrad = grad != nil
        self.ownsData = false
        self.ownsGrad = false
        self.base = base
    }

    /// The same memory under another shape of equal element count (no gradient flows through it).
    public func reshaped(_ shape: [Int]) -> Tensor {
        precondition(shape.reduce(1, *) == count, "reshape \(self.shape) to \(shape)")
        precondition(channelBlock == 1, "reshape of a channel-blocked tensor: call Tape.plainLayout first")
        return Tensor(view: data, grad: nil, shape: shape, base: self)
    }

    deinit {
        if ownsData { data.deallocate() }
        if ownsGrad, let grad { grad.deallocate() }
    }

    /// The gradient buffer, allocated and zeroed on first use.
    public func gradBuffer() -> UnsafeMutablePointer<Float> {
        if let grad { return grad }
        let g = Allocator.floats(max(count, 1))
        g.initialize(repeating: 0, count: max(count, 1))
        grad = g
        ownsGrad = true
        return g
    }

    /// The gradient buffer for a pullback that writes every element.
    ///
    /// On first use the buffer is allocated *uninitialised* and `overwrite` is true: the caller must store
    /// every element instead of adding (this saves a zero-fill and a read of the whole buffer, which is
    /// most of the cost of an elementwise backward). Afterwards `overwrite` is false and the caller adds.
    @inline(__always)
    public func gradDestination() -> (pointer: UnsafeMutablePointer<Float>, overwrite: Bool) {
        if let grad { return (grad, false) }
        let g = Allocator.floats(max(count, 1))
        grad = g
        ownsGrad = true
        return (g, true)
    }

    /// Sets the gradient to zero (if allocated).
    public func zeroGrad() {
        if let grad { grad.update(repeating: 0, count: count) }
    }

    /// A copy of the values.
    public var array: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

    /// A copy of the gradient, zeros if none was accumulated.
    public var gradArray: [Float] {
        guard let grad else { return [Float](repeating: 0, count: count) }
        return Array(UnsafeBufferPointer(start: grad, count: count))
    }

    /// The single value of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "item of a tensor of shape \(shape)")
        return data[0]
    }

    /// A detached copy (no gradient) that owns its memory.
    public func copy() -> Tensor {
        let t = Tensor(uninitialized: shape)
        t.data.update(from: data, count: count)
        t.channelBlock = channelBlock
        return t
    }

    /// Fills every value.
    public func fill(_ value: Float) { data.update(repeating: value, count: count) }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let head = UnsafeBufferPointer(start: data, count: min(count, 8)).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(\(shape): [\(head)\(count > 8 ? ", …" : "")])"
    }
}
