import Dispatch

/// A convolution on oneDNN with the batch split over the context's workers, one one-thread `DNNLConv` per share,
/// the way `ConvKernel` splits im2col.
///
/// Why not oneDNN's own OpenMP threads: after each parallel region libgomp's threads spin-wait (OMP_WAIT_POLICY
/// unset), taking the second core from the engine's own loops and OpenBLAS. On the 2-core host a W1 step took
/// 0.35-0.38 s that way against 0.18-0.23 s with OMP_WAIT_POLICY=passive (interleaved, load ~4), and libgomp reads
/// that variable only when it is loaded. With one thread per primitive oneDNN opens no parallel region at all.
///
/// Weight gradients are summed as in `ConvKernel`: share 0 adds into `dw`, the others into zeroed partials added
/// afterwards in share order, so the bits depend on the worker count only.
final class DNNLConvSet: @unchecked Sendable {
    let geometry: ConvGeometry
    /// `(first image, share)` per worker.
    let shares: [(start: Int, conv: DNNLConv)]

    /// Throws when oneDNN has no implementation for a share's geometry.
    init(_ g: ConvGeometry, workers: Int, dnnl: DNNLEngine, scratch: (Int) -> DNNLScratch) throws {
        geometry = g
        // As ConvKernel.shares: small convs on one worker (dispatch costs more than it saves).
        let perWork = g.patch * g.outHeight * g.outWidth * g.outChannels
        let parts = g.batch * perWork < 1 << 16 ? 1 : min(max(1, workers), g.batch)
        shares = try (0..<parts).map { p in
            let lo = g.batch * p / parts, hi = g.batch * (p + 1) / parts
            var share = g
            share.batch = hi - lo
            return (lo, try DNNLConv(share, fullBatch: g.batch, threads: 1, dnnl: dnnl, scratch: scratch(p)))
        }
        // Read by every conv2d call, so decided once here.
        inLanes = Set(shares.map(\.conv.inLanes)).count == 1 ? shares[0].conv.inLanes : nil
        outLanes = Set(shares.map(\.conv.outLanes)).count == 1 ? shares[0].conv.outLanes : nil
    }

    /// oneDNN's implementation names, forward / backward-data / backward-weights.
    var implementations: [String] { shares[0].conv.implementations }

    /// The channel blocks the input and output can be held in without a reorder (`DNNLConv.inLanes`): those of
    /// every share (all shares of one geometry choose alike; nil if any differs).
    let inLanes: Int?, outLanes: Int?

    /// Floats from one image to the next: CNHW interleaves images within a channel, a blocked layout stores them whole.
    private func imageStride(native: Bool, channels: Int, pixels: Int) -> Int { native ? channels * pixels : pixels }

    /// `y = W * x`.
    func forward(x: UnsafePointer<Float>, w: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, native: DNNLConv.Native = .none,
                 profile: OpProfile?) {
        let inStep = imageStride(native: native.input, channels: geometry.inChannels, pixels: geometry.height * geometry.width)
        let outStep = imageStride(native: native.output, channels: geometry.outChannels, pixels: geometry.outHeight * geometry.outWidth)
        nonisolated(unsafe) let x = x, w = w, y = y
        CostCounter.addMACs(macs)
        timed(.convForwardOneDNN, profile) { p, local in
            let s = shares[p]
            s.conv.forward(x: x + s.start * inStep, w: w, y: y + s.start * outStep, native: native, profile: local)
        }
    }

    /// `dw += …` when `dw` is given, and `dx = …` (`dx += …` unless `overwrite`) when `dx` is.
    func backward(x: UnsafePointer<Float>, w: UnsafePointer<Float>, dy: UnsafePointer<Float>, dw: UnsafeMutablePointer<Float>?,
                  dx: UnsafeMutablePointer<Float>?, overwrite: Bool, native: DNNLConv.Native = .none, profile: OpProfile?) {
        let inHW = imageStride(native: native.input, channels: geometry.inChannels, pixels: geometry.height * geometry.width)
        let outHW = imageStride(native: native.output, channels: geometry.outChannels, pixels: geometry.outHeight * geometry.outWidth)
        let wsize = geometry.outChannels * geometry.patch, parts = shares.count
        let partials = dw == nil || parts == 1 ? nil : UnsafeMutablePointer<Float>.allocate(capacity: (parts - 1) * wsize)
        partials?.initialize(repeating: 0, count: (parts - 1) * wsize)
        defer { partials?.deallocate() }
        nonisolated(unsafe) let x = x, w = w, dy = dy, dw = dw, dx = dx, partialsP = partials
        CostCounter.addMACs(macs * ((dw != nil ? 1 : 0) + (dx != nil ? 1 : 0)))
        timed(dw != nil ? .convBackwardWeightOneDNN : .convBackwardDataOneDNN, profile) { p, local in
            let s = shares[p]
            let target = p == 0 ? dw : partialsP.map { $0 + (p - 1) * wsize }
            s.conv.backward(x: x + s.start * inHW, w: w, dy: dy + s.start * outHW, dw: target,
                            dx: dx.map { $0 + s.start * inHW }, overwrite: overwrite, native: native, profile: local)
        }
        if let dw, let partials {
            for p in 0..<(parts - 1) {
                let src = partials + p * wsize
                for i in 0..<wsize { dw[i] += src[i] }
            }
        }
    }

    private var macs: Int { geometry.outChannels * geometry.patch * geometry.batch * geometry.outHeight * geometry.outWidth }

    /// Runs `body(share, localProfile)` on every share at once. With a profile, the wall time is split between
    /// the kinds in the proportions share 0 saw (each share times itself into its own `OpProfile`, as one profile
    /// is added to from one thread only); the primitives' wall time is reported under `kind`, the backward
    /// primitives' split between weight and data kinds likewise.
    private func timed(_ kind: OpProfile.Kind, _ profile: OpProfile?, _ body: (Int, OpProfile?) -> Void) {
        let locals = profile == nil ? [] : shares.map { _ in OpProfile() }
        let t0 = DispatchTime.now().uptimeNanoseconds
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body), localBox = UncheckedBox(locals)
            Workers(shares.count).forRange(shares.count, minimumWork: 0) { r in
                for p in r {
                    DNNLEngine.use(threads: 1)
                    box.value(p, localBox.value.isEmpty ? nil : localBox.value[p])
                }
            }
        }
        guard let profile, let first = locals.first else { return }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
        let seen = first.seconds, flops = first.flops
        let total = OpProfile.Kind.conv.reduce(0) { $0 + seen[$1]! }
        guard total > 0 else { profile.add(kind, seconds: wall); return }
        for k in OpProfile.Kind.conv where seen[k]! > 0 {
            // Share 0's flops are its share of the batch: scale to the whole batch.
            let scale = Double(geometry.batch) / Double(shares[0].conv.geometry.batch)
            profile.add(k, seconds: wall * seen[k]! / total, flops: flops[k]! * scale)
        }
    }
}
