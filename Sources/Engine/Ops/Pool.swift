extension Tape {
    /// Max pooling `k x k`, stride `stride` (default `k`), implicit `-inf` padding `padding` (at most `k / 2`,
    /// as PyTorch requires), floor mode, on `(C, N, H, W)`. ResNet's ImageNet stem is `k 3, stride 2, padding 1`.
    /// A channel-blocked `x` gives a `y` in the same layout.
    public func maxPool(_ x: Tensor, kernel k: Int, stride: Int? = nil, padding p: Int = 0) -> Tensor {
        let workers = context.workers
        let s = stride ?? k
        precondition(x.shape.count == 4 && p >= 0 && p <= k / 2, "maxPool: (C,N,H,W) input and padding <= kernel/2")
        let c = x.shape[0], n = x.shape[1], h = x.shape[2], w = x.shape[3]
        let ho = MaxPoolKernel.outSize(h, k: k, s: s, p: p), wo = MaxPoolKernel.outSize(w, k: k, s: s, p: p)
        precondition(ho > 0 && wo > 0, "maxPool: \(h)x\(w) input is smaller than the \(k)x\(k) window")
        precondition(h * w <= Int(Int32.max), "maxPool: a \(h)x\(w) plane has more pixels than its Int32 argmax counts")
        let y = Tensor(uninitialized: [c, n, ho, wo])
        y.channelBlock = x.channelBlock  // a blocked input stays blocked (argmax then per lane)
        let blocking = x.channelBlock > 1 ? ChannelBlocking(x.shape, lanes: x.channelBlock) : nil
        let argmax = UnsafeMutablePointer<Int32>.allocate(capacity: max(y.count, 1))
        context.measure(.poolForward) {
            if let blocking {
                BlockedPoolKernel.maxForward(blocking, h: h, w: w, k: k, s: s, p: p, x: x.data, y: y.data, argmax: argmax,
                                             workers: workers)
            } else {
                MaxPoolKernel.forward(planes: c * n, h: h, w: w, k: k, s: s, p: p, x: x.data, y: y.data, argmax: argmax,
                                      workers: workers)
            }
        }
        guard needsGrad(x) else { argmax.deallocate(); return y }
        y.requiresGrad = true
        let holder = IndexBuffer(argmax)
        record(.poolBackward) { [x, y, holder] in
            guard let gy = y.grad else { return }
            let dx = x.gradDestination()
            if let blocking {
                BlockedPoolKernel.maxBackward(blocking, h: h, w: w, k: k, s: s, p: p, dy: gy, argmax: holder.pointer,
                                              dx: dx.pointer, overwrite: dx.overwrite, workers: workers)
            } else {
                MaxPoolKernel.backward(planes: c * n, h: h, w: w, outCount: ho * wo, dy: gy, argmax: holder.pointer,
                                       dx: dx.pointer, overwrite: dx.overwrite, workers: workers)
            }
        }
        return y
    }

    /// Average pooling `k x k`, stride `stride` (default `k`), zero padding counted in the divisor (PyTorch's
    /// `AvgPool2d` defaults), on `(C, N, H, W)`.
    public func avgPool(_ x: Tensor, kernel k: Int, stride: Int? = nil, padding p: Int = 0) -> Tensor {
        let x = plainLayout(x)
        let workers = context.workers
        let s = stride ?? k
        precondition(x.shape.count == 4 && p >= 0 && p <= k / 2, "avgPool: (C,N,H,W) input and padding <= kernel/2")
        let c = x.shape[0], n = x.shape[1], h = x.shape[2], w = x.shape[3]
        let ho = MaxPoolKernel.outSize(h, k: k, s: s, p: p), wo = MaxPoolKernel.outSize(w, k: k, s: s, p: p)
        precondition(ho > 0 && wo > 0, "avgPool: \(h)x\(w) input is smaller than the \(k)x\(k) window")
        let y = Tensor(uninitialized: [c, n, ho, wo])
        context.measure(.poolForward) {
            AvgPoolKernel.forward(planes: c * n, h: h, w: w, k: k, s: s, p: p, x: x.data, y: y.data, workers: workers)
        }
        if needsGrad(x) {
            y.requiresGrad = true
            record(.poolBackward) { [x, y] in
                guard let gy = y.grad else { return }
                AvgPoolKernel.backward(planes: c * n, h: h, w: w, k: k, s: s, p: p, dy: gy, dx: x.gradBuffer(), workers: workers)
            }
        }
        return y
    }

    /// Mean over each `H x W` plane: `(C, N, H, W)` (plain or channel-blocked) → `(N, C)`.
    public func globalAvgPool(_ x: Tensor) -> Tensor {
        let c = x.shape[0], n = x.shape[1], hw = x.shape[2] * x.shape[3]
        let y = Tensor(uninitialized: [n, c])
        let blocking = x.channelBlock > 1 ? ChannelBlocking(x.shape, lanes: x.channelBlock) : nil
        context.measure(.poolForward) {
            if let blocking {
                BlockedPoolKernel.globalAverageForward(blocking, x: x.data, y: y.data)
            } else {
                GlobalAvgPoolKernel.forward(c: c, n: n, hw: hw, x: x.data, y: y.data)
            }
        }
        if needsGrad(x) {
            y.requiresGrad = true
            record(.poolBackward) { [x, y] in
                guard let gy = y.grad else { return }
                let dx = x.gradDestination()
                if let blocking {
                    BlockedPoolKernel.globalAverageBackward(blocking, dy: gy, dx: dx.pointer, overwrite: dx.overwrite)
                } else {
                    GlobalAvgPoolKernel.backward(c: c, n: n, hw: hw, dy: gy, dx: dx.pointer, overwrite: dx.overwrite)
                }
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
