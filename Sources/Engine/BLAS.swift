import COpenBLAS

/// The one place that calls OpenBLAS.
///
/// On 2 cores a small GEMM runs faster on one BLAS thread (no wake-up and no stolen core from the
/// Dispatch loops around it) and a large one on two, so the thread count is chosen per call by size.
public enum BLAS {
    /// GEMMs with fewer multiply-adds than this run on one thread.
    public static var parallelThreshold = 4_000_000
    nonisolated(unsafe) private static var current: Int32 = -1
    nonisolated(unsafe) private static var maxThreads: Int32 = -1

    /// The OpenBLAS build string, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64`.
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// The thread count GEMMs may use at most (defaults to OpenBLAS's own, i.e. the core count).
    public static var threads: Int {
        get { Int(resolvedMax()) }
        set { maxThreads = Int32(max(1, newValue)); current = -1 }
    }

    private static func resolvedMax() -> Int32 {
        if maxThreads < 0 { maxThreads = max(1, openblas_get_num_threads()) }
        return maxThreads
    }

    private static func use(threads n: Int32) {
        guard n != current else { return }
        // OpenBLAS's own default must be read before the first change: a process whose first GEMM is small
        // (or runs inside `workersOnly`) would otherwise read back the 1 it just set, and every large GEMM
        // after it would run on one thread.
        _ = resolvedMax()
        openblas_set_num_threads(n); current = n
    }

    /// `C = alpha * op(A) * op(B) + beta * C`, row-major; `op(A)` is `(m, k)`, `op(B)` is `(k, n)`.
    @inline(__always)
    public static func gemm(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        CostCounter.addMACs(m * n * k)
        use(threads: m * n * k >= parallelThreshold ? resolvedMax() : 1)
        serialGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                   beta: beta, c: c, ldc: ldc)
    }

    /// Runs `body`, whose GEMMs go through `serialGemm` from several `Parallel` workers at once, with
    /// OpenBLAS on one thread: each core then runs its own GEMM on its own slice of the batch (no
    /// OpenBLAS threads waking, spinning, or competing with the workers).
    @inline(__always)
    public static func workersOnly<T>(_ body: () -> T) -> T {
        use(threads: 1)
        return body()
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

    /// `y += alpha * x`.
    @inline(__always)
    public static func axpy(_ n: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        use(threads: 1)
        cblas_saxpy(Int32(n), alpha, x, 1, y, 1)
    }
}
