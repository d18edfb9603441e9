extension Tape {
    /// Max pooling `k x k`, stride `stride` (default `k`), no padding, on `(C, N, H, W)`.
    public func maxPool(_ x: Tensor, kernel k: Int, stride: Int? = nil) -> Tensor {
        let s = stride ?? k
        let c = x.shape[0], n = x.shape[1], h = x.shape[2], w = x.shape[3]
        let ho = (h - k) / s + 1, wo = (w - k) / s + 1
        let y = Tensor(uninitialized: [c, n, ho, wo])
        let argmax = UnsafeMutablePointer<Int32>.allocate(capacity: max(y.count, 1))
        OpProfile.measure(.poolForward) {
            MaxPoolKernel.forward(planes: c * n, h: h, w: w, k: k, s: s, x: x.data, y: y.data, argmax: argmax)
        }
        guard needsGrad(x) else { argmax.deallocate(); return y }
        y.requiresGrad = true
        let holder = IndexBuffer(argmax)
        record(.poolBackward) { [x, y, holder] in
            guard let gy = y.grad else { return }
            let dx = x.gradDestination()
            MaxPoolKernel.backward(planes: c * n, h: h, w: w, outCount: ho * wo, dy: gy, argmax: holder.pointer,
                                   dx: dx.pointer, overwrite: dx.overwrite)
        }
        return y
    }

    /// Mean over each `H x W` plane: `(C, N, H, W)` → `(N, C)`.
    public func globalAvgPool(_ x: Tensor) -> Tensor {
        let c = x.shape[0], n = x.shape[1], hw = x.shape[2] * x.shape[3]
        let y = Tensor(uninitialized: [n, c])
        OpProfile.measure(.poolForward) { GlobalAvgPoolKernel.forward(c: c, n: n, hw: hw, x: x.data, y: y.data) }
        if needsGrad(x) {
            y.requiresGrad = true
            record(.poolBackward) { [x, y] in
                guard let gy = y.grad else { return }
                let dx = x.gradDestination()
                GlobalAvgPoolKernel.backward(c: c, n: n, hw: hw, dy: gy, dx: dx.pointer, overwrite: dx.overwrite)
            }
        }
        return y
    }
}

/// Owns an index buffer that a pullback needs (freed with the tape's closures).
final class IndexBuffer {
    let pointer: UnsafeMutablePointer<Int32>
    init(_ pointer: UnsafeMutablePointer<Int32>) { self.pointer = pointer }
    deinit { pointer.deallocate() }
}
