import Engine

/// The machine's practical peak, measured in the same process as the workload: `C = A·B` at
/// `n × n × n` through `BLAS.gemm` (OpenBLAS at the bench's thread count).
public enum SgemmProbe {
    /// GFLOP/s of the best of `repeats` calls (after one untimed call), `2 n³` flops each.
    public static func gflops(n: Int = 1024, repeats: Int = 7, blas: BLAS) -> Double {
        let a = Tensor(uninitialized: [n, n]), b = Tensor(uninitialized: [n, n]), c = Tensor(uninitialized: [n, n])
        var rng = RNG(seed: 1)
        for i in 0..<a.count { a.data[i] = rng.uniform(-1, 1); b.data[i] = rng.uniform(-1, 1) }
        var best = Double.infinity
        for r in 0...repeats {
            let t = BenchTimer.now()
            blas.gemm(m: n, n: n, k: n, a: a.data, lda: n, b: b.data, ldb: n, c: c.data, ldc: n)
            let dt = BenchTimer.now() - t
            if r > 0 { best = min(best, dt) }
        }
        return 2 * Double(n) * Double(n) * Double(n) / best / 1e9
    }
}
