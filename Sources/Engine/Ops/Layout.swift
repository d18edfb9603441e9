extension Tape {
    /// `x` in the row-major layout of its shape: `x` itself when it is, else a copy out of its channel blocks
    /// (`ChannelBlocking`) whose gradient flows back into them. The edge of a blocked encoder chain.
    public func plainLayout(_ x: Tensor) -> Tensor {
        guard x.channelBlock > 1 else { return x }
        let l = ChannelBlocking(x.shape, lanes: x.channelBlock), workers = context.workers
        let y = Tensor(uninitialized: x.shape)
        context.measure(.layoutReorder) { l.unblock(x.data, into: y.data, workers: workers) }
        if needsGrad(x) {
            y.requiresGrad = true
            record(.layoutReorder) { [x, y] in
                guard let gy = y.grad else { return }
                let dx = x.gradDestination()
                l.block(gy, into: dx.pointer, overwrite: dx.overwrite, workers: workers)
            }
        }
        return y
    }

    /// `x` (a `(C, N, H, W)` image) held in channel blocks of `lanes` (`lanes` 1: plain), converting through the
    /// plain layout when it is held otherwise; the gradient flows back in `x`'s layout.
    public func channelBlocked(_ x: Tensor, lanes: Int) -> Tensor {
        guard x.channelBlock != lanes else { return x }
        let p = plainLayout(x)
        guard lanes > 1 else { return p }
        let l = ChannelBlocking(p.shape, lanes: lanes), workers = context.workers
        let y = Tensor(uninitialized: p.shape)
        y.channelBlock = lanes
        context.measure(.layoutReorder) { l.block(p.data, into: y.data, workers: workers) }
        if needsGrad(p) {
            y.requiresGrad = true
            record(.layoutReorder) { [p, y] in
                guard let gy = y.grad else { return }
                let dp = p.gradDestination()
                l.unblock(gy, into: dp.pointer, overwrite: dp.overwrite, workers: workers)
            }
        }
        return y
    }
}
