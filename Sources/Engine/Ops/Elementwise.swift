extension Tape {
    /// `a + b` elementwise with broadcasting (equal shapes, a one-element tensor, a row `(1, D)` or column
    /// `(N, 1)` against `(N, D)`).
    public func add(_ a: Tensor, _ b: Tensor) -> Tensor { binary(AddFn.self, a, b, "add") }

    /// `a - b` elementwise with broadcasting (see `add`).
    public func sub(_ a: Tensor, _ b: Tensor) -> Tensor { binary(SubFn.self, a, b, "sub") }

    /// `a * b` elementwise with broadcasting (see `add`).
    public func mul(_ a: Tensor, _ b: Tensor) -> Tensor { binary(MulFn.self, a, b, "mul") }

    /// `a / b` elementwise with broadcasting (see `add`).
    public func div(_ a: Tensor, _ b: Tensor) -> Tensor { binary(DivFn.self, a, b, "div") }

    private func binary<F: BinaryElementwise>(_ f: F.Type, _ a: Tensor, _ b: Tensor, _ name: String) -> Tensor {
        let workers = context.workers
        guard let (layout, shape) = BroadcastLayout.make(a.shape, b.shape) else {
            preconditionFailure("\(name): shapes \(a.shape) and \(b.shape) do not broadcast")
        }
        let y = Tensor(uninitialized: shape)
        ElementwiseKernel.forward(f, a.data, b.data, y.data, layout: layout, workers: workers)
        if needsGrad(a, b) {
            y.requiresGrad = true
            record { [a, b, y] in
                guard let gy = y.grad else { return }
                ElementwiseKernel.backward(f, a.data, b.data, y.data, gy,
                                           da: a.requiresGrad ? a.gradBuffer() : nil,
                                           db: b.requiresGrad ? b.gradBuffer() : nil, layout: layout, workers: workers)
            }
        }
        return y
    }
}
