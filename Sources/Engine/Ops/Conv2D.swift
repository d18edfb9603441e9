extension Tape {
    /// 2-D convolution without bias (batch norm follows every conv in the papers' encoders).
    ///
    /// `input` is `(Cin, N, H, W)` (channel-major, see `ConvGeometry`), `weight` is `(Cout, Cin, k, k)`
    /// as in PyTorch; the result is `(Cout, N, Ho, Wo)`.
    ///
    /// `keepBlocked`: on oneDNN, with the context's `blockedLayout`, the result stays in the primitive's
    /// channel-blocked layout (`Tensor.channelBlock`) instead of being reordered to CNHW, for a caller whose next
    /// ops take it (batch norm, pooling, the next conv). `input` may be blocked whatever the path.
    public func conv2d(_ input: Tensor, weight: Tensor, stride: Int = 1, padding: Int = 0, keepBlocked: Bool = false) -> Tensor {
        precondition(input.shape.count == 4 && weight.shape.count == 4, "conv2d needs (C,N,H,W) input and 4-D weight")
        precondition(weight.shape[1] == input.shape[0], "conv2d: weight expects \(weight.shape[1]) channels, input has \(input.shape[0])")
        precondition(weight.shape[2] == weight.shape[3], "conv2d: square kernels only")
        let g = ConvGeometry(inChannels: input.shape[0], outChannels: weight.shape[0], kernel: weight.shape[2],
                             stride: stride, padding: padding, batch: input.shape[1], height: input.shape[2], width: input.shape[3])
        let y = Tensor(uninitialized: [g.outChannels, g.batch, g.outHeight, g.outWidth])
        let context = self.context, split = context.convSplit, backend = context.conv
        let flops = 2 * Double(g.outChannels * g.patch * g.batch * g.outHeight * g.outWidth)
        // Decided once per geometry and context; the backward passes take the forward's path. (A blocked `x` is
        // timed as if CNHW: the same values in another order, so the same work.)
        let dnnl = backend.route(g, x: input.data, w: weight.data, split: split)
        // im2col reads CNHW; oneDNN reads in place a block size it chose, else CNHW (reordering it itself).
        let x = input.channelBlock == 1 || (dnnl != nil && dnnl?.inLanes == input.channelBlock) ? input : plainLayout(input)
        var native = DNNLConv.Native(input: x.channelBlock > 1)
        if keepBlocked && context.blockedLayout, let lanes = dnnl?.outLanes {
            native.output = true
            y.channelBlock = lanes
        }
        if let dnnl {  // times its primitives and reorders itself, as separate profile kinds
            backend.exclusive { dnnl.forward(x: x.data, w: weight.data, y: y.data, native: native, profile: context.profile) }
        } else {
            context.measure(.convForward, flops: flops) { ConvKernel.forward(g, x: x.data, w: weight.data, y: y.data, split: split) }
        }
        if needsGrad(x, weight) {
            y.requiresGrad = true
            record(nil) { [x, weight, y, context] in
                guard let gy = y.grad else { return }
                if let dnnl {  // one call, so both passes can share the reorder of gy
                    let dw = weight.requiresGrad ? weight.gradBuffer() : nil
                    let dx = x.requiresGrad ? x.gradDestination() : nil
                    backend.exclusive {
                        dnnl.backward(x: x.data, w: weight.data, dy: gy, dw: dw, dx: dx?.pointer, overwrite: dx?.overwrite ?? false,
                                      native: native, profile: context.profile)
                    }
                    return
                }
                if weight.requiresGrad {
                    let dw = weight.gradBuffer()
                    context.measure(.convBackwardWeight, flops: flops) {
                        ConvKernel.backwardWeight(g, x: x.data, dy: gy, dw: dw, split)
                    }
                }
                if x.requiresGrad {
                    let dx = x.gradDestination()
                    context.measure(.convBackwardData, flops: flops) {
                        ConvKernel.backwardData(g, w: weight.data, dy: gy, dx: dx.pointer, overwrite: dx.overwrite, split)
                    }
                }
            }
        }
        return y
    }

    /// `(N, C, H, W)` → `(C, N, H, W)`, the engine's image layout (and back: the swap is its own inverse). No copy
    /// is needed when `C == 1`. A channel-blocked `x` is first made plain.
    public func channelMajor(_ x: Tensor) -> Tensor {
        precondition(x.shape.count == 4)
        let x = plainLayout(x)
        let n = x.shape[0], c = x.shape[1], hw = x.shape[2] * x.shape[3]
        let y = Tensor(uninitialized: [c, n, x.shape[2], x.shape[3]])
        for i in 0..<n { for ch in 0..<c { (y.data + (ch * n + i) * hw).update(from: x.data + (i * c + ch) * hw, count: hw) } }
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                let gx = x.gradBuffer()
                for i in 0..<n { for ch in 0..<c {
                    let d = gx + (i * c + ch) * hw, s = gy + (ch * n + i) * hw
                    for j in 0..<hw { d[j] += s[j] }
                } }
            }
        }
        return y
    }
}
