import CDNNL
import Foundation

/// A oneDNN CPU engine and its stream, owned by one `ConvBackend` (so by one `EngineContext`).
///
/// oneDNN runs its primitives on GNU OpenMP in Debian's build, and sizes every parallel region by the calling
/// thread's `omp_get_max_threads()`, both when a primitive is created (its blocking and thread split are
/// chosen then) and when it runs. `use(threads:)` sets that per call, the way `BLAS` sets OpenBLAS's count.
final class DNNLEngine: @unchecked Sendable {
    let engine: dnnl_engine_t
    let stream: dnnl_stream_t

    /// Nil when the library cannot make a CPU engine.
    init?() {
        var e: dnnl_engine_t?
        guard dnnl_engine_create(&e, dnnl_cpu, 0) == dnnl_success, let e else { return nil }
        var s: dnnl_stream_t?
        guard dnnl_stream_create(&s, e, UInt32(dnnl_stream_default_flags.rawValue)) == dnnl_success, let s else {
            dnnl_engine_destroy(e)
            return nil
        }
        engine = e; stream = s
    }

    deinit {
        dnnl_stream_destroy(stream)
        dnnl_engine_destroy(engine)
    }

    /// The linked library's version, e.g. `2.6.3`.
    static var version: String {
        guard let v = dnnl_version() else { return "unknown" }
        return "\(v.pointee.major).\(v.pointee.minor).\(v.pointee.patch)"
    }

    /// The library and the ISA ceiling it was given, for the path caches' keys: `oneDNN 2.6.3`, or
    /// `oneDNN 2.6.3 (max ISA AVX2)` when `ONEDNN_MAX_CPU_ISA` or `DNNL_MAX_CPU_ISA` caps its kernels (then a path
    /// timed on AVX-512 kernels must not be reused, nor the other way round).
    static func identity(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let cap = environment["ONEDNN_MAX_CPU_ISA"] ?? environment["DNNL_MAX_CPU_ISA"]
        return "oneDNN \(version)" + (cap.map { $0.isEmpty ? "" : " (max ISA \($0.uppercased()))" } ?? "")
    }

    /// Sets the calling thread's OpenMP thread count, which oneDNN reads for its next primitive.
    static func use(threads: Int) { _ = cdnnl_set_omp_threads(Int32(max(1, threads))) }

    struct Failure: Error, CustomStringConvertible {
        var call: String, status: dnnl_status_t
        var description: String { "\(call) failed with oneDNN status \(status.rawValue)" }
    }

    /// Throws when `status` is not success: every oneDNN call goes through here.
    static func check(_ status: dnnl_status_t, _ call: String) throws {
        if status != dnnl_success { throw Failure(call: call, status: status) }
    }

    /// A float32 descriptor with explicit strides (the engine's own layouts).
    static func descriptor(_ dims: [Int], strides: [Int]) throws -> dnnl_memory_desc_t {
        var md = dnnl_memory_desc_t()
        let d = dims.map(Int64.init), s = strides.map(Int64.init)
        try check(dnnl_memory_desc_init_by_strides(&md, Int32(d.count), d, dnnl_f32, s), "memory_desc_init_by_strides")
        return md
    }

    /// A float32 descriptor by format tag; `dnnl_format_tag_any` lets the primitive choose.
    static func descriptor(_ dims: [Int], tag: dnnl_format_tag_t) throws -> dnnl_memory_desc_t {
        var md = dnnl_memory_desc_t()
        let d = dims.map(Int64.init)
        try check(dnnl_memory_desc_init_by_tag(&md, Int32(d.count), d, dnnl_f32, tag), "memory_desc_init_by_tag")
        return md
    }

    /// A memory object; its data handle is nil (set per call) unless `allocate`, when the library owns a buffer.
    func memory(_ md: dnnl_memory_desc_t, allocate: Bool) throws -> dnnl_memory_t {
        var md = md, m: dnnl_memory_t?
        // DNNL_MEMORY_ALLOCATE is ((void *)(size_t)-1), a macro Swift does not import.
        let handle = allocate ? UnsafeMutableRawPointer(bitPattern: -1) : nil
        try Self.check(dnnl_memory_create(&m, &md, engine, handle), "memory_create")
        return m!
    }

    /// A primitive from its descriptor (which the caller still destroys).
    func primitive(_ pd: dnnl_primitive_desc_t) throws -> dnnl_primitive_t {
        var p: dnnl_primitive_t?
        try Self.check(dnnl_primitive_create(&p, pd), "primitive_create")
        return p!
    }

    /// A reorder between two layouts of the same tensor.
    func reorder(from src: dnnl_memory_desc_t, to dst: dnnl_memory_desc_t) throws -> dnnl_primitive_t {
        var src = src, dst = dst, pd: dnnl_primitive_desc_t?
        try Self.check(dnnl_reorder_primitive_desc_create(&pd, &src, engine, &dst, engine, nil), "reorder_primitive_desc_create")
        defer { dnnl_primitive_desc_destroy(pd) }
        return try primitive(pd!)
    }

    /// Runs `p` with `args` and waits for it.
    func execute(_ p: dnnl_primitive_t, _ args: [(Int32, dnnl_memory_t)]) {
        let exec = args.map { dnnl_exec_arg_t(arg: $0.0, memory: $0.1) }
        let status = exec.withUnsafeBufferPointer { dnnl_primitive_execute(p, stream, Int32($0.count), $0.baseAddress) }
        // Shapes and layouts were all accepted when the primitive was made: a failure here is a broken invariant.
        precondition(status == dnnl_success, "oneDNN primitive_execute failed with status \(status.rawValue)")
        precondition(dnnl_stream_wait(stream) == dnnl_success, "oneDNN stream_wait failed")
    }

    /// The implementation oneDNN picked for a primitive descriptor, e.g. `jit:avx512_core`.
    static func implementation(_ pd: dnnl_primitive_desc_t) -> String {
        var name: UnsafePointer<CChar>?
        guard dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &name) == dnnl_success, let name else { return "?" }
        return String(cString: name)
    }
}
