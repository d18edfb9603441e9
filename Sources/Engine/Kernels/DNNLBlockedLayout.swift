import CDNNL

/// Where each element of a plain row-major tensor lives in a oneDNN blocked layout (e.g. `ABcd16b16a`), read
/// from the memory descriptor's blocking description.
///
/// Used for the conv weights: oneDNN 2.6's `jit:uni` reorder took 3-9 ms for a 64x32x3x3 weight on this host
/// (DNNL_VERBOSE), where a table-driven copy of its 18k floats takes microseconds.
struct DNNLBlockedLayout {
    /// `offsets[i]`: the blocked element of plain element `i`.
    let offsets: [Int32]
    /// Floats of the blocked buffer, padding included.
    let count: Int
    /// The blocked buffer has padding (dims rounded up to whole blocks) that must hold zeros.
    let padded: Bool

    /// Nil unless `md` is a blocked float32 layout.
    init?(_ md: dnnl_memory_desc_t) {
        guard md.format_kind == dnnl_blocked, md.data_type == dnnl_f32 else { return nil }
        var md = md
        let n = Int(md.ndims)
        let dims = Self.array(md.dims, n), padded = Self.array(md.padded_dims, n)
        let b = md.format_desc.blocking
        let strides = Self.array(b.strides, n)
        let nblks = Int(b.inner_nblks)
        let blks = Self.array(b.inner_blks, nblks), idxs = Self.array(b.inner_idxs, nblks)
        // Per inner block level: the stride inside the innermost tile (the last level is contiguous) and the
        // product of the same dimension's blocks inside it.
        var tileStride = [Int](repeating: 1, count: nblks), within = [Int](repeating: 1, count: nblks)
        var blockOf = [Int](repeating: 1, count: n)
        var s = 1
        var inner = [Int](repeating: 1, count: n)
        for k in stride(from: nblks - 1, through: 0, by: -1) {
            tileStride[k] = s; s *= blks[k]
            within[k] = inner[idxs[k]]; inner[idxs[k]] *= blks[k]
            blockOf[idxs[k]] *= blks[k]
        }
        let total = dims.reduce(1, *)
        var offsets = [Int32](repeating: 0, count: total)
        var index = [Int](repeating: 0, count: n)
        for i in 0..<total {
            var off = Int(md.offset0)
            for d in 0..<n { off += index[d] / blockOf[d] * strides[d] }
            for k in 0..<nblks { off += index[idxs[k]] / within[k] % blks[k] * tileStride[k] }
            offsets[i] = Int32(off)
            var d = n - 1
            while d >= 0 { index[d] += 1; if index[d] < dims[d] { break }; index[d] = 0; d -= 1 }
        }
        self.offsets = offsets
        self.count = dnnl_memory_desc_get_size(&md) / 4
        self.padded = padded != dims
    }

    /// Copies plain `src` into blocked `dst` (zeroing the padding).
    func scatter(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>) {
        if padded { dst.update(repeating: 0, count: count) }
        offsets.withUnsafeBufferPointer { o in for i in 0..<o.count { dst[Int(o[i])] = src[i] } }
    }

    /// `dst[i] += src[blocked i]`.
    func addGathered(_ src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>) {
        offsets.withUnsafeBufferPointer { o in for i in 0..<o.count { dst[i] += src[Int(o[i])] } }
    }

    private static func array<T>(_ tuple: T, _ n: Int) -> [Int] {
        withUnsafeBytes(of: tuple) { Array($0.bindMemory(to: Int64.self).prefix(n)).map(Int.init) }
    }
}
