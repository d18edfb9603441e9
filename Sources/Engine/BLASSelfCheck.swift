/// A numerical check of the BLAS core in use: sgemm on awkward shapes (odd sizes, every transpose, a tail
/// smaller than any kernel's block, a K long enough to cross the blocking) against a plain loop in Double.
///
/// Passing means every element is within `64 · k · ε` of the reference relative to `Σ|a||b|` — far above
/// float rounding, far below what a wrong kernel produces (a wrong element is off by O(1)).
public enum BLASSelfCheck {
    /// One disagreement, for the report.
    public struct Failure: Sendable, CustomStringConvertible {
        public var shape: String
        public var error: Double
        public var description: String { "sgemm \(shape): relative error \(error)" }
    }

    static let shapes: [(m: Int, n: Int, k: Int, ta: Bool, tb: Bool)] = [
        (1, 1, 1, false, false), (7, 5, 3, false, true), (17, 33, 65, true, false), (31, 47, 129, true, true),
        (64, 64, 64, false, false), (129, 97, 300, false, true), (200, 150, 513, true, false),
    ]

    /// The first shape whose result disagrees, or nil when all agree. Runs on one BLAS thread, in well
    /// under a second.
    public static func run(blas: BLAS = BLAS(threads: 1)) -> Failure? {
        var rng = RNG(seed: 0x5e1f)
        for s in shapes {
            let a = (0..<(s.m * s.k)).map { _ in rng.uniform(-1, 1) }, b = (0..<(s.k * s.n)).map { _ in rng.uniform(-1, 1) }
            var c = [Float](repeating: 0.5, count: s.m * s.n)
            let lda = s.ta ? s.m : s.k, ldb = s.tb ? s.k : s.n
            a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
                blas.gemm(transA: s.ta, transB: s.tb, m: s.m, n: s.n, k: s.k, alpha: 1, a: ap.baseAddress!, lda: lda,
                          b: bp.baseAddress!, ldb: ldb, beta: -1, c: cp.baseAddress!, ldc: s.n)
            } } }
            var worst = 0.0
            for i in 0..<s.m {
                for j in 0..<s.n {
                    var sum = -0.5, mag = 0.5
                    for p in 0..<s.k {
                        let x = Double(s.ta ? a[p * lda + i] : a[i * lda + p]), y = Double(s.tb ? b[j * ldb + p] : b[p * ldb + j])
                        sum += x * y; mag += abs(x * y)
                    }
                    let e = abs(Double(c[i * s.n + j]) - sum) / mag
                    worst = e.isNaN ? .infinity : max(worst, e)
                }
            }
            if worst > 64 * Double(s.k) * Double(Float.ulpOfOne) {
                return Failure(shape: "\(s.m)x\(s.n)x\(s.k)\(s.ta ? " Aᵀ" : "")\(s.tb ? " Bᵀ" : "")", error: worst)
            }
        }
        return nil
    }
}
