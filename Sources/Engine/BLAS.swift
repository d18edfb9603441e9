import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// The one place that calls OpenBLAS, at the thread count of the engine context that holds it.
///
/// On 2 cores a small GEMM runs faster on one BLAS thread (no wake-up and no stolen core from the
/// worker loops around it) and a large one on all of them, so the thread count is chosen per call by size.
/// OpenBLAS keeps its thread count process-wide; this type only mirrors what it last set, so a call with
/// the count already in place costs a comparison.
public struct BLAS: Sendable, Equatable {
    /// Threads a large GEMM uses.
    public let threads: Int
    /// GEMMs with fewer multiply-adds than this run on one thread.
    public static let parallelThreshold = 4_000_000

    public init(threads: Int) { self.threads = max(1, threads) }

    /// The count OpenBLAS was last set to by this process (-1 before the first call): a mirror of the
    /// library's own process-wide setting, not engine policy. Read and written only under `gate`.
    nonisolated(unsafe) private static var applied: Int32 = -1

    /// Serialises "set OpenBLAS's thread count, then start the GEMM". OpenBLAS keeps one thread count per
    /// process, and a threaded sgemm is not bit-identical to a one-thread one, so two engine contexts in one
    /// process (parallel tests; a trial beside a bench) could otherwise start each other's GEMMs at the wrong
    /// count and change each other's bits. Recursive, because a GEMM may be issued inside `workersOnly`
    /// on the thread that holds it.
    private static let gate: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        var attr = pthread_mutexattr_t()
        pthread_mutexattr_init(&attr)
        pthread_mutexattr_settype(&attr, Int32(PTHREAD_MUTEX_RECURSIVE))
        pthread_mutex_init(m, &attr)
        pthread_mutexattr_destroy(&attr)
        return m
    }()

    @inline(__always)
    private static func exclusively<T>(threads n: Int32, _ body: () -> T) -> T {
        pthread_mutex_lock(gate)
        defer { pthread_mutex_unlock(gate) }
        use(threads: n)
        return body()
    }

    /// The OpenBLAS build string, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64`.
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// The thread count OpenBLAS chose for itself at load (from `OPENBLAS_NUM_THREADS` or the CPUs).
    public static var libraryThreads: Int { Int(openblas_get_num_threads()) }

    @inline(__always)
    private static func use(threads n: Int32) {
        guard n != applied else { return }
        openblas_set_num_threads(n); applied = n
    }

    /// `C = alpha * op(A) * op(B) + beta * C`, row-major; `op(A)` is `(m, k)`, `op(B)` is `(k, n)`.
    @inline(__always)
    public func gemm(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        CostCounter.addMACs(m * n * k)
        Self.exclusively(threads: m * n * k >= Self.parallelThreshold ? Int32(threads) : 1) {
            Self.serialGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                            beta: beta, c: c, ldc: ldc)
        }
    }

    /// Runs `body`, whose GEMMs go through `serialGemm` from several workers at once, with OpenBLAS on one
    /// thread: each core then runs its own GEMM on its own slice of the batch (no OpenBLAS threads waking,
    /// spinning, or competing with the workers). Holds `gate` throughout, so no other context can raise
    /// the count while the workers' GEMMs run; the workers themselves must call only `serialGemm`.
    @inline(__always)
    public static func workersOnly<T>(_ body: () -> T) -> T {
        exclusively(threads: 1, body)
    }

    /// A GEMM on the calling thread; valid only inside `workersOnly` (OpenBLAS set to one thread). Not
    /// seen by `CostCounter` (it may run on a worker thread): callers count their multiply-adds themselves.
    @inline(__always)
    public static func serialGemm(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `y += alpha * x`, on one thread.
    @inline(__always)
    public static func axpy(_ n: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        exclusively(threads: 1) { cblas_saxpy(Int32(n), alpha, x, 1, y, 1) }
    }
}
