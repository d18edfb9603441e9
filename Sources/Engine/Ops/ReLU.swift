extension Tape {
    /// `max(x, 0)` elementwise, any shape.
    public func relu(_ x: Tensor) -> Tensor {
        let y = Tensor(uninitialized: x.shape)
        ReLUKernel.forward(x.data, y.data, count: x.count)
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                ReLUKernel.backward(y.data, gy, x.gradBuffer(), count: x.count)
            }
        }
        return y
    }
}
