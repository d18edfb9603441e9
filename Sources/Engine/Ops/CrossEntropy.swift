extension Tape {
    /// Softmax cross-entropy, mean over rows: `-1/N Σ_i log softmax(logits_i)[targets[i]]` for `logits (N, C)`,
    /// shape `[1]`. Fused and stable (PyTorch's `F.cross_entropy` with integer targets).
    public func crossEntropy(_ logits: Tensor, targets: [Int]) -> Tensor {
        let workers = context.workers
        precondition(logits.shape.count == 2, "crossEntropy: logits must be (N, C), got \(logits.shape)")
        let rows = logits.shape[0], cols = logits.shape[1]
        precondition(targets.count == rows, "crossEntropy: \(targets.count) targets for \(rows) rows")
        precondition(rows > 0 && targets.allSatisfy { $0 >= 0 && $0 < cols },
                     "crossEntropy: targets must lie in 0..<\(cols)")
        let probs = Tensor(uninitialized: logits.shape)
        let y = Tensor(uninitialized: [1])
        y.data[0] = context.measure(.lossKernels) {
            targets.withUnsafeBufferPointer {
                SoftmaxKernel.crossEntropy(logits.data, targets: $0.baseAddress!, rows: rows, cols: cols, probs: probs.data, workers: workers)
            }
        }
        if needsGrad(logits) {
            y.requiresGrad = true
            record(.lossKernels) { [logits, y, probs] in
                guard let gy = y.grad else { return }
                targets.withUnsafeBufferPointer {
                    SoftmaxKernel.crossEntropyBackward(probs: probs.data, targets: $0.baseAddress!, dLoss: gy[0],
                                                       rows: rows, cols: cols, logits.gradBuffer())
                }
            }
        }
        return y
    }
}
