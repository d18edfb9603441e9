/// Matrix exponentials of a batch of small square matrices and the adjoint of their Fréchet derivative.
///
/// Scaling and squaring with a Taylor approximant, in Double: `A` is scaled by `2^-s` until `‖A‖₁ ≤ 1/2`,
/// `exp` of the scaled matrix is the degree-12 Taylor polynomial (truncation error below `0.5¹³/13! ≈ 2e-14`,
/// far under float32 rounding), and the result is squared `s` times. The matrices here are the Lie-operator
/// blocks of ManifoldCLR (n = 64 in the paper, smaller in the scaled-down runs), so plain loops suffice.
///
/// The backward uses the block-triangular identity (Najfeld & Havel 1995; Higham, *Functions of Matrices*, 3.2):
/// `expm([[Aᵀ, G], [0, Aᵀ]])` has `L(Aᵀ, G)` as its upper-right block, and `L(Aᵀ, G)` is exactly the gradient
/// `dL/dA` for `dL/d expm(A) = G`.
enum MatrixExpKernel {
    static let taylorDegree = 12

    /// `y[b] = expm(a[b])` for `batch` matrices `(n, n)`, row-major.
    static func forward(_ a: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, n: Int) {
        let nn = n * n
        Parallel.forRange(batch, minimumWork: 64, work: nn * n) { range in
            var work = Workspace(n: n)
            for b in range {
                for i in 0..<nn { work.m[i] = Double(a[b * nn + i]) }
                work.expm()
                for i in 0..<nn { y[b * nn + i] = Float(work.m[i]) }
            }
        }
    }

    /// `da[b] += L(a[b]ᵀ, dy[b])`, the gradient of `Σ ⟨dy, expm(a)⟩` with respect to `a`.
    static func backward(_ a: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ da: UnsafeMutablePointer<Float>,
                         batch: Int, n: Int) {
        let nn = n * n, m = 2 * n
        Parallel.forRange(batch, minimumWork: 64, work: 8 * nn * n) { range in
            var work = Workspace(n: m)
            for b in range {
                let ab = a + b * nn, gb = dy + b * nn
                var normA = 0.0, normG = 0.0
                for j in 0..<n {
                    var ca = 0.0, cg = 0.0
                    for i in 0..<n { ca += Swift.abs(Double(ab[i * n + j])); cg += Swift.abs(Double(gb[i * n + j])) }
                    normA = Swift.max(normA, ca); normG = Swift.max(normG, cg)
                }
                if normG == 0 { continue }
                // L(Aᵀ, G) is linear in G: scale G to A's size so it does not drive the number of squarings.
                let gamma = normG / Swift.max(normA, 1)
                for i in 0..<(m * m) { work.m[i] = 0 }
                for i in 0..<n {
                    for j in 0..<n {
                        let at = Double(ab[j * n + i])
                        work.m[i * m + j] = at
                        work.m[(i + n) * m + (j + n)] = at
                        work.m[i * m + (j + n)] = Double(gb[i * n + j]) / gamma
                    }
                }
                work.expm()
                let db = da + b * nn
                for i in 0..<n {
                    for j in 0..<n { db[i * n + j] += Float(work.m[i * m + (j + n)] * gamma) }
                }
            }
        }
    }

    /// Scratch for one matrix size; `expm()` replaces `m` with its exponential.
    struct Workspace {
        let n: Int
        var m: [Double], p: [Double], t: [Double]

        init(n: Int) {
            self.n = n
            m = [Double](repeating: 0, count: n * n); p = m; t = m
        }

        mutating func expm() {
            let n = self.n
            var norm = 0.0
            for j in 0..<n {
                var c = 0.0
                for i in 0..<n { c += Swift.abs(m[i * n + j]) }
                norm = Swift.max(norm, c)
            }
            var squarings = 0
            while norm > 0.5 { norm /= 2; squarings += 1 }
            let scale = 1 / Double(1 << squarings)
            for i in 0..<(n * n) { m[i] *= scale }
            // Horner: P = I + A P / k for k = degree ... 1.
            for i in 0..<(n * n) { p[i] = 0 }
            for i in 0..<n { p[i * n + i] = 1 }
            for k in stride(from: MatrixExpKernel.taylorDegree, through: 1, by: -1) {
                Workspace.multiply(m, p, into: &t, n: n)
                let inv = 1 / Double(k)
                for i in 0..<(n * n) { p[i] = t[i] * inv }
                for i in 0..<n { p[i * n + i] += 1 }
            }
            for _ in 0..<squarings {
                Workspace.multiply(p, p, into: &t, n: n)
                swap(&p, &t)
            }
            swap(&m, &p)
        }

        /// `c = a · b` for row-major `(n, n)`; i-k-j order keeps the inner loop contiguous.
        static func multiply(_ a: [Double], _ b: [Double], into c: inout [Double], n: Int) {
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        for i in 0..<(n * n) { c[i] = 0 }
                        for i in 0..<n {
                            for k in 0..<n {
                                let aik = a[i * n + k]
                                if aik == 0 { continue }
                                let bk = k * n, ci = i * n
                                for j in 0..<n { c[ci + j] += aik * b[bk + j] }
                            }
                        }
                    }
                }
            }
        }
    }
}
