import CDNNL

/// oneDNN's forward, backward-data and backward-weights primitives for one `ConvGeometry` at one thread count,
/// with reorders between the engine's layouts and the ones the primitives chose. The geometry may be a share of
/// a larger batch (`fullBatch`): its CNHW tensors are then views into the whole batch's (see `DNNLConvSet`).
///
/// The primitives are created with `format_tag any`: given plain NCHW oneDNN 2.6 falls back to a slower gemm
/// path, and given the engine's CNHW a reference kernel; in its own blocked layout (nChw16c on AVX-512) it runs
/// its direct JIT kernels. Activations come and go either in CNHW (reordered here) or, when the primitives chose
/// `nChw{L}c` for them, already in that layout (`inLanes`, `outLanes`; `ChannelBlocking`), when no reorder runs:
/// an encoder then keeps its activations blocked from one conv to the next.
///
/// Blocked copies live in `DNNLScratch` slots shared by every geometry of one worker of a `ConvBackend` (one op
/// runs at a time there), not per primitive: at batch 512 one blocked activation is 100+ MiB.
/// Semantics match `ConvKernel`: `backwardWeight` adds to `dw`, `backwardData` adds to `dx` unless `overwrite`.
final class DNNLConv: @unchecked Sendable {
    let geometry: ConvGeometry
    /// OpenMP threads the primitives were created for and run at.
    let threads: Int
    /// oneDNN's implementation names, forward / backward-data / backward-weights.
    let implementations: [String]
    /// `L` when all three primitives take the input (gradient) as `nChw{L}c` (8 or 16), so a channel-blocked
    /// input is used in place; nil when they chose another layout.
    let inLanes: Int?
    /// The same for the output and its gradient.
    let outLanes: Int?

    private let dnnl: DNNLEngine
    private let scratch: DNNLScratch
    private let fwd, bwdData, bwdWeights: dnnl_primitive_t
    private let fSrc, fW, fDst, dDiffDst, dW, dDiffSrc, wSrc, wDiffDst, wDiffW: Edge

    /// One tensor at an op's edge: `user` has the engine's layout (data handle set per call); `inner` the
    /// primitive's, in scratch slot `slot`. Without a reorder both are the same memory object.
    struct Edge {
        var user: dnnl_memory_t, inner: dnnl_memory_t, reorder: dnnl_primitive_t?, slot: Int, bytes: Int
        /// Weights (slots 2, 3) in a blocked layout: copied by table instead of by `reorder`.
        var table: DNNLBlockedLayout? = nil
    }

    /// Throws when oneDNN has no implementation for the geometry (the caller then keeps im2col).
    init(_ g: ConvGeometry, fullBatch: Int, threads: Int, dnnl: DNNLEngine, scratch: DNNLScratch) throws {
        geometry = g; self.fullBatch = fullBatch; self.threads = threads; self.dnnl = dnnl; self.scratch = scratch
        DNNLEngine.use(threads: threads)
        let srcDims = [g.batch, g.inChannels, g.height, g.width]
        let dstDims = [g.batch, g.outChannels, g.outHeight, g.outWidth]
        let wDims = [g.outChannels, g.inChannels, g.kernel, g.kernel]
        // CNHW as oneDNN's logical N, C, H, W with strides.
        let srcUser = try DNNLEngine.descriptor(srcDims, strides: [g.height * g.width, fullBatch * g.height * g.width, g.width, 1])
        let dstUser = try DNNLEngine.descriptor(dstDims, strides: [g.outHeight * g.outWidth, fullBatch * g.outHeight * g.outWidth,
                                                                   g.outWidth, 1])
        let wUser = try DNNLEngine.descriptor(wDims, tag: dnnl_oihw)
        var srcAny = try DNNLEngine.descriptor(srcDims, tag: dnnl_format_tag_any)
        var dstAny = try DNNLEngine.descriptor(dstDims, tag: dnnl_format_tag_any)
        var wAny = try DNNLEngine.descriptor(wDims, tag: dnnl_format_tag_any)
        let strides: [Int64] = [Int64(g.stride), Int64(g.stride)], pad: [Int64] = [Int64(g.padding), Int64(g.padding)]

        var fd = dnnl_convolution_desc_t(), dd = dnnl_convolution_desc_t(), wd = dnnl_convolution_desc_t()
        try DNNLEngine.check(dnnl_convolution_forward_desc_init(&fd, dnnl_forward_training, dnnl_convolution_direct,
                                                                &srcAny, &wAny, nil, &dstAny, strides, pad, pad), "conv fwd desc")
        try DNNLEngine.check(dnnl_convolution_backward_data_desc_init(&dd, dnnl_convolution_direct, &srcAny, &wAny, &dstAny,
                                                                      strides, pad, pad), "conv bwd-data desc")
        try DNNLEngine.check(dnnl_convolution_backward_weights_desc_init(&wd, dnnl_convolution_direct, &srcAny, &wAny, nil,
                                                                         &dstAny, strides, pad, pad), "conv bwd-weights desc")
        var fpd: dnnl_primitive_desc_t?, dpd: dnnl_primitive_desc_t?, wpd: dnnl_primitive_desc_t?
        // Destroyed on every exit; a failure part-way leaks the few objects made before it (once per geometry).
        defer { for pd in [fpd, dpd, wpd] where pd != nil { dnnl_primitive_desc_destroy(pd) } }
        try DNNLEngine.check(dnnl_primitive_desc_create(&fpd, &fd, nil, dnnl.engine, nil), "conv fwd primitive desc")
        try DNNLEngine.check(dnnl_primitive_desc_create(&dpd, &dd, nil, dnnl.engine, fpd), "conv bwd-data primitive desc")
        try DNNLEngine.check(dnnl_primitive_desc_create(&wpd, &wd, nil, dnnl.engine, fpd), "conv bwd-weights primitive desc")
        implementations = [fpd!, dpd!, wpd!].map(DNNLEngine.implementation)

        func md(_ pd: dnnl_primitive_desc_t?, _ q: dnnl_query_t) -> dnnl_memory_desc_t {
            dnnl_primitive_desc_query_md(pd, q, 0)!.pointee
        }
        // Slots: 0 and 1 activations, 2 weights, 3 the weight gradient. Both backward passes take dy in slot 1, so
        // the data pass can reuse the weight pass's reorder of it (`backward`).
        fSrc = try Self.edge(dnnl, user: srcUser, inner: md(fpd, dnnl_query_src_md), input: true, slot: 0)
        fW = try Self.edge(dnnl, user: wUser, inner: md(fpd, dnnl_query_weights_md), input: true, slot: 2)
        fDst = try Self.edge(dnnl, user: dstUser, inner: md(fpd, dnnl_query_dst_md), input: false, slot: 1)
        dDiffDst = try Self.edge(dnnl, user: dstUser, inner: md(dpd, dnnl_query_diff_dst_md), input: true, slot: 1)
        dW = try Self.edge(dnnl, user: wUser, inner: md(dpd, dnnl_query_weights_md), input: true, slot: 2)
        dDiffSrc = try Self.edge(dnnl, user: srcUser, inner: md(dpd, dnnl_query_diff_src_md), input: false, slot: 0)
        wSrc = try Self.edge(dnnl, user: srcUser, inner: md(wpd, dnnl_query_src_md), input: true, slot: 0)
        wDiffDst = try Self.edge(dnnl, user: dstUser, inner: md(wpd, dnnl_query_diff_dst_md), input: true, slot: 1)
        wDiffW = try Self.edge(dnnl, user: wUser, inner: md(wpd, dnnl_query_diff_weights_md), input: false, slot: 3)
        fwd = try dnnl.primitive(fpd!)
        bwdData = try dnnl.primitive(dpd!)
        bwdWeights = try dnnl.primitive(wpd!)
        var a = md(dpd, dnnl_query_diff_dst_md), b = md(wpd, dnnl_query_diff_dst_md)
        sharedDiffDst = dDiffDst.reorder != nil && dnnl_memory_desc_equal(&a, &b) != 0
        inLanes = Self.blockLanes(srcDims, [md(fpd, dnnl_query_src_md), md(dpd, dnnl_query_diff_src_md), md(wpd, dnnl_query_src_md)])
        outLanes = Self.blockLanes(dstDims, [md(fpd, dnnl_query_dst_md), md(dpd, dnnl_query_diff_dst_md),
                                             md(wpd, dnnl_query_diff_dst_md)])
    }

    /// `L` when every descriptor in `mds` is `nChw{L}c` of `dims` (L 8 or 16, channels a multiple of it).
    private static func blockLanes(_ dims: [Int], _ mds: [dnnl_memory_desc_t]) -> Int? {
        for (lanes, tag) in [(16, dnnl_aBcd16b), (8, dnnl_aBcd8b)] where dims[1] % lanes == 0 {
            guard var blocked = try? DNNLEngine.descriptor(dims, tag: tag) else { continue }
            if mds.allSatisfy({ var m = $0; return dnnl_memory_desc_equal(&m, &blocked) != 0 }) { return lanes }
        }
        return nil
    }

    /// Both backward primitives take dy in the same layout, so one reorder serves both.
    private let sharedDiffDst: Bool
    /// The batch of the tensors this share is a view into.
    let fullBatch: Int
    /// Floats spanned by this share's input view (for the `dx +=` copy, which uses the view's layout).
    private var viewFloats: Int {
        let hw = geometry.height * geometry.width
        return (geometry.inChannels - 1) * fullBatch * hw + geometry.batch * hw
    }

    deinit {
        for p in [fwd, bwdData, bwdWeights] { dnnl_primitive_destroy(p) }
        for e in [fSrc, fW, fDst, dDiffDst, dW, dDiffSrc, wSrc, wDiffDst, wDiffW] {
            if let r = e.reorder { dnnl_primitive_destroy(r); dnnl_memory_destroy(e.inner) }
            dnnl_memory_destroy(e.user)
        }
    }

    private static func edge(_ dnnl: DNNLEngine, user: dnnl_memory_desc_t, inner: dnnl_memory_desc_t, input: Bool,
                             slot: Int) throws -> Edge {
        var u = user, i = inner
        let userMemory = try dnnl.memory(user, allocate: false)
        if dnnl_memory_desc_equal(&u, &i) != 0 { return Edge(user: userMemory, inner: userMemory, reorder: nil, slot: slot, bytes: 0) }
        let reorder = input ? try dnnl.reorder(from: user, to: inner) : try dnnl.reorder(from: inner, to: user)
        return Edge(user: userMemory, inner: try dnnl.memory(inner, allocate: false), reorder: reorder, slot: slot,
                    bytes: dnnl_memory_desc_get_size(&i), table: slot >= 2 ? DNNLBlockedLayout(inner) : nil)
    }

    /// Points `e` at `data` (and its inner copy at its slot) and, for an input unless `reorder` is false (its slot
    /// already holds the copy), reorders into the primitive's layout. `native`: `data` is already in the
    /// primitive's layout, so the primitive uses it in place.
    private func bind(_ e: Edge, _ data: UnsafeMutableRawPointer, input: Bool, reorder: Bool = true, native: Bool = false,
                      profile: OpProfile?) {
        if native { dnnl_memory_set_data_handle(e.inner, data); return }
        dnnl_memory_set_data_handle(e.user, data)
        guard let r = e.reorder else { return }
        let inner = scratch.slot(e.slot, bytes: e.bytes)
        dnnl_memory_set_data_handle(e.inner, inner)
        guard input && reorder else { return }
        if let t = e.table {
            timed(.convReorder, profile) {
                t.scatter(data.assumingMemoryBound(to: Float.self), into: inner.assumingMemoryBound(to: Float.self))
            }
        } else {
            run(r, [(CDNNL_ARG_FROM, e.user), (CDNNL_ARG_TO, e.inner)], profile)
        }
    }

    /// Reorders an output from the primitive's layout to the engine's (after `bind`).
    private func unbind(_ e: Edge, profile: OpProfile?) {
        guard let r = e.reorder else { return }
        run(r, [(CDNNL_ARG_FROM, e.inner), (CDNNL_ARG_TO, e.user)], profile)
    }

    /// Runs a reorder (at the primitives' thread count: a reorder only moves floats, so no thread count changes a bit).
    private func run(_ r: dnnl_primitive_t, _ args: [(Int32, dnnl_memory_t)], _ profile: OpProfile?) {
        timed(.convReorder, profile) { dnnl.execute(r, args) }
    }

    private func timed(_ kind: OpProfile.Kind, _ profile: OpProfile?, flops: Double = 0, _ body: () -> Void) {
        if let profile { profile.measure(kind, flops: flops, body) } else { body() }
    }

    private var flops: Double { 2 * Double(geometry.outChannels * geometry.patch * geometry.batch * geometry.outHeight * geometry.outWidth) }

    /// Which side of a conv is held in the primitives' own blocked layout (`inLanes`, `outLanes`) rather than CNHW.
    struct Native: Equatable {
        var input = false, output = false
        static let none = Native()
    }

    /// `y = W * x`, `y` in CNHW (or blocked, `native.output`).
    func forward(x: UnsafePointer<Float>, w: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, native: Native = .none,
                 profile: OpProfile?) {
        DNNLEngine.use(threads: threads)
        bind(fSrc, UnsafeMutableRawPointer(mutating: x), input: true, native: native.input, profile: profile)
        bind(fW, UnsafeMutableRawPointer(mutating: w), input: true, profile: profile)
        bind(fDst, UnsafeMutableRawPointer(y), input: false, native: native.output, profile: profile)
        timed(.convForwardOneDNN, profile, flops: flops) {
            dnnl.execute(fwd, [(CDNNL_ARG_SRC, fSrc.inner), (CDNNL_ARG_WEIGHTS, fW.inner), (CDNNL_ARG_DST, fDst.inner)])
        }
        if !native.output { unbind(fDst, profile: profile) }
    }

    /// `dw += dy * xᵀ` (as `ConvKernel.backwardWeight`): oneDNN overwrites, so it writes a plain copy first.
    func backwardWeight(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, dw: UnsafeMutablePointer<Float>,
                        native: Native = .none, profile: OpProfile?) {
        DNNLEngine.use(threads: threads)
        let count = geometry.outChannels * geometry.patch
        let plain = scratch.slot(4, bytes: count * 4).assumingMemoryBound(to: Float.self)
        bind(wSrc, UnsafeMutableRawPointer(mutating: x), input: true, native: native.input, profile: profile)
        bind(wDiffDst, UnsafeMutableRawPointer(mutating: dy), input: true, native: native.output, profile: profile)
        bind(wDiffW, UnsafeMutableRawPointer(plain), input: false, profile: profile)
        timed(.convBackwardWeightOneDNN, profile, flops: flops) {
            dnnl.execute(bwdWeights, [(CDNNL_ARG_SRC, wSrc.inner), (CDNNL_ARG_DIFF_DST, wDiffDst.inner),
                                      (CDNNL_ARG_DIFF_WEIGHTS, wDiffW.inner)])
        }
        if let t = wDiffW.table {  // straight from the blocked gradient into dw
            let blocked = scratch.slot(wDiffW.slot, bytes: wDiffW.bytes).assumingMemoryBound(to: Float.self)
            timed(.convReorder, profile) { t.addGathered(blocked, to: dw) }
            return
        }
        unbind(wDiffW, profile: profile)
        for i in 0..<count { dw[i] += plain[i] }
    }

    /// Both passes of one pullback: `backwardWeight` when `dw` is given, then `backwardData` when `dx` is, the
    /// latter reusing the former's reorder of `dy` when both primitives take the same layout.
    func backward(x: UnsafePointer<Float>, w: UnsafePointer<Float>, dy: UnsafePointer<Float>, dw: UnsafeMutablePointer<Float>?,
                  dx: UnsafeMutablePointer<Float>?, overwrite: Bool, native: Native = .none, profile: OpProfile?) {
        if let dw { backwardWeight(x: x, dy: dy, dw: dw, native: native, profile: profile) }
        if let dx {
            backwardData(w: w, dy: dy, dx: dx, overwrite: overwrite, dyReordered: dw != nil && sharedDiffDst, native: native,
                         profile: profile)
        }
    }

    /// `dx = Wᵀ ⋆ dy` when `overwrite`, else `dx += …` (through a CNHW copy, added afterwards). `dyReordered`: slot 1
    /// still holds `backwardWeight`'s reorder of this `dy`.
    func backwardData(w: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>, overwrite: Bool,
                      dyReordered: Bool = false, native: Native = .none, profile: OpProfile?) {
        DNNLEngine.use(threads: threads)
        // The copy for `dx +=` is packed CNHW of this share; its own descriptor would be needed to write it, so the
        // share's dx is read through the view's strides instead. A blocked share is one contiguous run.
        let shareFloats = geometry.inChannels * geometry.batch * geometry.height * geometry.width
        let target = overwrite ? dx : scratch.slot(5, bytes: (native.input ? shareFloats : viewFloats) * 4).assumingMemoryBound(to: Float.self)
        bind(dDiffDst, UnsafeMutableRawPointer(mutating: dy), input: true, reorder: !dyReordered, native: native.output,
             profile: profile)
        bind(dW, UnsafeMutableRawPointer(mutating: w), input: true, profile: profile)
        bind(dDiffSrc, UnsafeMutableRawPointer(target), input: false, native: native.input, profile: profile)
        timed(.convBackwardDataOneDNN, profile, flops: flops) {
            dnnl.execute(bwdData, [(CDNNL_ARG_DIFF_DST, dDiffDst.inner), (CDNNL_ARG_WEIGHTS, dW.inner),
                                   (CDNNL_ARG_DIFF_SRC, dDiffSrc.inner)])
        }
        if native.input {
            if !overwrite { for i in 0..<shareFloats { dx[i] += target[i] } }
            return
        }
        unbind(dDiffSrc, profile: profile)
        if !overwrite {  // same view layout in both, so the share's elements sit at the same offsets
            let hw = geometry.height * geometry.width, run = geometry.batch * hw, channelStride = fullBatch * hw
            for c in 0..<geometry.inChannels {
                let d = dx + c * channelStride, t = target + c * channelStride
                for i in 0..<run { d[i] += t[i] }
            }
        }
    }
}

/// Growable, 64-byte-aligned buffers that the `DNNLConv`s of one `ConvBackend` share, one per role (slot).
/// Only one conv op of a backend runs at a time, so a slot never holds two live tensors.
final class DNNLScratch: @unchecked Sendable {
    private var buffers: [Int: (pointer: UnsafeMutableRawPointer, bytes: Int)] = [:]

    /// Slot `index`, at least `bytes` long (contents unspecified).
    func slot(_ index: Int, bytes: Int) -> UnsafeMutableRawPointer {
        if let b = buffers[index], b.bytes >= bytes { return b.pointer }
        buffers[index]?.pointer.deallocate()
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(64, bytes), alignment: 64)
        buffers[index] = (p, bytes)
        return p
    }

    deinit { for b in buffers.values { b.pointer.deallocate() } }
}
