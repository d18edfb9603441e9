extension Tape {
    /// 2-D convolution without bias (batch norm follows every conv in the papers' encoders).
    ///
    /// `x` is `(Cin, N, H, W)` (channel-major, see `ConvGeometry`), `weight` is `(Cout, Cin, k, k)`
    /// as in PyTorch; the result is `(Cout, N, Ho, Wo)`.
    public func conv2d(_ x: Tensor, weight: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
        precondition(x.shape.count == 4 && weight.shape.count == 4, "conv2d needs (C,N,H,W) input and 4-D weight")
        precondition(weight.shape[1] == x.shape[0], "conv2d: weight expects \(weight.shape[1]) channels, input has \(x.shape[0])")
        precondition(weight.shape[2] == weight.shape[3], "conv2d: square kernels only")
        let g = ConvGeometry(inChannels: x.shape[0], outChannels: weight.shape[0], kernel: weight.shape[2],
                             stride: stride, padding: padding, batch: x.shape[1], height: x.shape[2], width: x.shape[3])
        let y = Tensor(uninitialized: [g.outChannels, g.batch, g.outHeight, g.outWidth])
        let context = self.context, split = context.convSplit, backend = context.conv
        let flops = 2 * Double(g.outChannels * g.patch * g.batch * g.outHeight * g.outWidth)
        // Decided once per geometry and context; the backward passes take the forward's path.
        let dnnl = backend.route(g, x: x.data, w: weight.data, split: split)
        if let dnnl {  // times its primitives and reorders itself, as separate profile kinds
            backend.exclusive { dnnl.forward(x: x.data, w: weight.data, y: y.data, profile: context.profile) }
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
                                      profile: context.profile)
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

    /// `(N, C, H, W)` → `(C, N, H, W)`, the engine's image layout. No copy is needed when `C == 1`.
    public func channelMajor(_ x: Tensor) -> Tensor {
        precondition(x.shape.count == 4)
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
