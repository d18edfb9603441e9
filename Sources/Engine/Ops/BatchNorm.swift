extension Tape {
    /// Batch normalisation with affine `gamma`/`beta` over channel axis `axis` (0 for `(C, N, H, W)`
    /// images, 1 for `(N, F)` features), followed by `max(·, 0)` when `relu` (fused: one pass, one tensor).
    ///
    /// Training (`self.training`): batch statistics with biased variance; the running statistics, when
    /// given, move by `momentum` toward the batch mean and the *unbiased* variance, as PyTorch does.
    /// Evaluation: the running statistics.
    public func batchNorm(_ x: Tensor, gamma: Tensor, beta: Tensor, runningMean: Tensor?, runningVar: Tensor?,
                          axis: Int, momentum: Float = 0.1, eps: Float = 1e-5, relu: Bool = false) -> Tensor {
        let c = x.shape[axis]
        precondition(gamma.count == c && beta.count == c, "batchNorm: \(c) channels, gamma \(gamma.count)")
        let layout = BatchNormLayout(outer: x.shape[..<axis].reduce(1, *), channels: c,
                                     inner: x.shape[(axis + 1)...].reduce(1, *))
        let y = Tensor(uninitialized: x.shape)
        if !training, let rm = runningMean, let rv = runningVar {
            OpProfile.measure(.batchNormForward) {
                BatchNormKernel.forwardEval(layout, x: x.data, gamma: gamma.data, beta: beta.data,
                                            runningMean: rm.data, runningVar: rv.data, eps: eps, relu: relu, y: y.data)
            }
            if needsGrad(x, gamma, beta) {
                y.requiresGrad = true
                record(.batchNormBackward) { [x, gamma, beta, y] in
                    guard let gy = y.grad else { return }
                    // Evaluation mode is an affine map per channel (masked by the fused ReLU).
                    for ch in 0..<c {
                        let inv = 1 / (rv.data[ch] + eps).squareRoot(), mu = rm.data[ch]
                        var sdy: Float = 0, sdyx: Float = 0
                        for o in 0..<layout.outer {
                            let base = (o * c + ch) * layout.inner
                            for i in 0..<layout.inner {
                                let g = relu && y.data[base + i] <= 0 ? 0 : gy[base + i]
                                sdy += g; sdyx += g * (x.data[base + i] - mu) * inv
                                if x.requiresGrad { x.gradBuffer()[base + i] += g * gamma.data[ch] * inv }
                            }
                        }
                        if gamma.requiresGrad { gamma.gradBuffer()[ch] += sdyx }
                        if beta.requiresGrad { beta.gradBuffer()[ch] += sdy }
                    }
                }
            }
            return y
        }
        let mean = Tensor(uninitialized: [c]), invstd = Tensor(uninitialized: [c]), variance = Tensor(uninitialized: [c])
        OpProfile.measure(.batchNormForward) {
            BatchNormKernel.forwardTrain(layout, x: x.data, gamma: gamma.data, beta: beta.data, eps: eps, relu: relu,
                                         y: y.data, mean: mean.data, invstd: invstd.data, variance: variance.data)
        }
        if let rm = runningMean, let rv = runningVar {
            let m = Float(layout.perChannel), unbias = m > 1 ? m / (m - 1) : 1
            for ch in 0..<c {
                rm.data[ch] = (1 - momentum) * rm.data[ch] + momentum * mean.data[ch]
                rv.data[ch] = (1 - momentum) * rv.data[ch] + momentum * variance.data[ch] * unbias
            }
        }
        if needsGrad(x, gamma, beta) {
            y.requiresGrad = true
            record(.batchNormBackward) { [x, gamma, beta, y, mean, invstd] in
                guard let gy = y.grad else { return }
                let dx = x.requiresGrad ? x.gradDestination() : nil
                BatchNormKernel.backward(layout, x: x.data, dy: gy, reluOutput: relu ? UnsafePointer(y.data) : nil,
                                         gamma: gamma.data, mean: mean.data, invstd: invstd.data,
                                         dgamma: gamma.requiresGrad ? gamma.gradBuffer() : nil,
                                         dbeta: beta.requiresGrad ? beta.gradBuffer() : nil,
                                         dx: dx?.pointer, overwrite: dx?.overwrite ?? false)
            }
        }
        return y
    }
}
