extension Tape {
    /// `eˣ` elementwise, any shape.
    public func exp(_ x: Tensor) -> Tensor { unary(ExpFn.self, x, 0) }

    /// Natural logarithm elementwise, any shape.
    public func log(_ x: Tensor) -> Tensor { unary(LogFn.self, x, 0) }

    /// `xᵖ` elementwise for a constant exponent `p`, any shape.
    public func pow(_ x: Tensor, _ p: Float) -> Tensor { unary(PowFn.self, x, p) }

    /// `√x` elementwise, any shape.
    public func sqrt(_ x: Tensor) -> Tensor { unary(SqrtFn.self, x, 0) }

    /// `|x|` elementwise, any shape (gradient 0 at 0).
    public func abs(_ x: Tensor) -> Tensor { unary(AbsFn.self, x, 0) }

    /// `-x` elementwise, any shape.
    public func neg(_ x: Tensor) -> Tensor { unary(ScaleFn.self, x, -1) }

    /// `c · x` elementwise for a constant `c`, any shape.
    public func scale(_ x: Tensor, by c: Float) -> Tensor { unary(ScaleFn.self, x, c) }

    /// `x + c` elementwise for a constant `c`, any shape.
    public func add(_ x: Tensor, scalar c: Float) -> Tensor { unary(ShiftFn.self, x, c) }

    /// `x²` elementwise, any shape.
    public func square(_ x: Tensor) -> Tensor { unary(SquareFn.self, x, 0) }

    private func unary<F: UnaryElementwise>(_ f: F.Type, _ x: Tensor, _ c: Float) -> Tensor {
        let workers = context.workers
        let y = Tensor(uninitialized: x.shape)
        UnaryKernel.forward(f, x.data, y.data, count: x.count, constant: c, workers: workers)
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                UnaryKernel.backward(f, x.data, y.data, gy, x.gradBuffer(), count: x.count, constant: c, workers: workers)
            }
        }
        return y
    }
}
