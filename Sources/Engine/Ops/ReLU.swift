extension Tape {
    /// `max(x, 0)` elementwise, any shape.
    public func relu(_ x: Tensor) -> Tensor {
        let workers = context.workers
        let y = Tensor(uninitialized: x.shape)
        context.measure(.reluForward) { ReLUKernel.forward(x.data, y.data, count: x.count, workers: workers) }
        if needsGrad(x) {
            y.requiresGrad = true
            record(.reluBackward) { [x, y] in
                guard let gy = y.grad else { return }
                let dx = x.gradDestination()
                ReLUKernel.backward(y.data, gy, dx.pointer, count: x.count, overwrite: dx.overwrite, workers: workers)
            }
        }
        return y
    }
}
