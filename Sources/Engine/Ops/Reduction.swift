extension Tape {
    /// The sum of all elements, shape `[1]`.
    public func sum(_ x: Tensor) -> Tensor { reduceAll(x, scale: 1) }

    /// The mean of all elements, shape `[1]`.
    public func mean(_ x: Tensor) -> Tensor { reduceAll(x, scale: 1 / Float(Swift.max(x.count, 1))) }

    /// The sum along `axis` (0 or 1) of `x (N, D)`, dimensions kept: `(1, D)` for axis 0, `(N, 1)` for axis 1,
    /// so the result broadcasts back against `x`.
    public func sum(_ x: Tensor, axis: Int) -> Tensor { reduceSum(x, axis: axis, mean: false) }

    /// The mean along `axis` (0 or 1) of `x (N, D)`, dimensions kept (see `sum(_:axis:)`).
    public func mean(_ x: Tensor, axis: Int) -> Tensor { reduceSum(x, axis: axis, mean: true) }

    /// The maximum along `axis` (0 or 1) of `x (N, D)`, dimensions kept; the gradient goes to the first maximum.
    /// (Not named `max`: a `Tape` method of that name would hide `Swift.max` inside every `Tape` extension.)
    public func reduceMax(_ x: Tensor, axis: Int) -> Tensor {
        let (rows, cols, shape) = Tape.reducedShape(x, axis: axis, op: "reduceMax")
        let y = Tensor(uninitialized: shape)
        let argmax = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(y.count, 1))
        let owner = ArgmaxIndices(argmax)
        ReductionKernel.max(x.data, rows: rows, cols: cols, axis: axis, y.data, argmax: argmax)
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y, owner] in
                guard let gy = y.grad else { return }
                ReductionKernel.maxBackward(gy, argmax: owner.pointer, count: y.count, x.gradBuffer())
            }
        }
        return y
    }

    /// `log Σ exp x` along `axis` (0 or 1) of `x (N, D)`, dimensions kept, computed stably (max subtracted).
    public func logSumExp(_ x: Tensor, axis: Int) -> Tensor {
        let (rows, cols, shape) = Tape.reducedShape(x, axis: axis, op: "logSumExp")
        let y = Tensor(uninitialized: shape)
        ReductionKernel.logSumExp(x.data, rows: rows, cols: cols, axis: axis, y.data)
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                ReductionKernel.logSumExpBackward(x.data, y.data, gy, rows: rows, cols: cols, axis: axis, x.gradBuffer())
            }
        }
        return y
    }

    private func reduceAll(_ x: Tensor, scale: Float) -> Tensor {
        let y = Tensor(uninitialized: [1])
        y.data[0] = ReductionKernel.sumAll(x.data, count: x.count) * scale
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                ReductionKernel.broadcastAll(gy[0] * scale, x.gradBuffer(), count: x.count)
            }
        }
        return y
    }

    private func reduceSum(_ x: Tensor, axis: Int, mean: Bool) -> Tensor {
        let (rows, cols, shape) = Tape.reducedShape(x, axis: axis, op: mean ? "mean" : "sum")
        let scale: Float = mean ? 1 / Float(axis == 1 ? cols : rows) : 1
        let y = Tensor(uninitialized: shape)
        ReductionKernel.sum(x.data, rows: rows, cols: cols, axis: axis, scale: scale, y.data)
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                ReductionKernel.sumBackward(gy, rows: rows, cols: cols, axis: axis, scale: scale, x.gradBuffer())
            }
        }
        return y
    }

    static func reducedShape(_ x: Tensor, axis: Int, op: String) -> (rows: Int, cols: Int, shape: [Int]) {
        precondition(x.shape.count == 2, "\(op): expects a 2-D tensor, got \(x.shape)")
        precondition(axis == 0 || axis == 1, "\(op): axis must be 0 or 1, got \(axis)")
        let rows = x.shape[0], cols = x.shape[1]
        precondition(rows > 0 && cols > 0, "\(op): empty tensor \(x.shape)")
        return (rows, cols, axis == 1 ? [rows, 1] : [1, cols])
    }
}

/// Owns an index buffer a pullback keeps alive (freed with the closure).
private final class ArgmaxIndices {
    let pointer: UnsafeMutablePointer<Int32>
    init(_ pointer: UnsafeMutablePointer<Int32>) { self.pointer = pointer }
    deinit { pointer.deallocate() }
}
