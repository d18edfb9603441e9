import CDNNL

/// One oneDNN float32 matmul, `C (m, n) = op(A) · op(B)`, on the engine's row-major matrices at one OpenMP
/// thread. Transposes are strides of the descriptors, so nothing is copied or reordered; the data pointers are
/// set per call. One object runs one call at a time (its memory objects carry the pointers).
final class DNNLMatmul: @unchecked Sendable {
    /// oneDNN's implementation, e.g. `brg:avx512_core`.
    let implementation: String

    private let dnnl: DNNLEngine
    private let primitive: dnnl_primitive_t
    private let a, b, c: dnnl_memory_t

    /// Throws when oneDNN has no implementation for the shape.
    init(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, dnnl: DNNLEngine) throws {
        self.dnnl = dnnl
        DNNLEngine.use(threads: 1)
        // op(A) is (m, k): stored (m, k) row-major, or (k, m) when transposed; likewise op(B) (k, n).
        let aDesc = try DNNLEngine.descriptor([m, k], strides: transA ? [1, m] : [k, 1])
        let bDesc = try DNNLEngine.descriptor([k, n], strides: transB ? [1, k] : [n, 1])
        let cDesc = try DNNLEngine.descriptor([m, n], strides: [n, 1])
        var ad = aDesc, bd = bDesc, cd = cDesc
        var desc = dnnl_matmul_desc_t()
        try DNNLEngine.check(dnnl_matmul_desc_init(&desc, &ad, &bd, nil, &cd), "matmul desc")
        var pd: dnnl_primitive_desc_t?
        try DNNLEngine.check(dnnl_primitive_desc_create(&pd, &desc, nil, dnnl.engine, nil), "matmul primitive desc")
        defer { dnnl_primitive_desc_destroy(pd) }
        implementation = DNNLEngine.implementation(pd!)
        primitive = try dnnl.primitive(pd!)
        a = try dnnl.memory(aDesc, allocate: false)
        b = try dnnl.memory(bDesc, allocate: false)
        c = try dnnl.memory(cDesc, allocate: false)
    }

    deinit {
        dnnl_primitive_destroy(primitive)
        for m in [a, b, c] { dnnl_memory_destroy(m) }
    }

    /// `c = op(a) · op(b)` (overwritten).
    func run(a ap: UnsafePointer<Float>, b bp: UnsafePointer<Float>, c cp: UnsafeMutablePointer<Float>) {
        DNNLEngine.use(threads: 1)
        dnnl_memory_set_data_handle(a, UnsafeMutableRawPointer(mutating: ap))
        dnnl_memory_set_data_handle(b, UnsafeMutableRawPointer(mutating: bp))
        dnnl_memory_set_data_handle(c, UnsafeMutableRawPointer(cp))
        dnnl.execute(primitive, [(CDNNL_ARG_SRC, a), (CDNNL_ARG_WEIGHTS, b), (CDNNL_ARG_DST, c)])
    }
}
