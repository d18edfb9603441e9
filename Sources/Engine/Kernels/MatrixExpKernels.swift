/// Matrix exponentials of a batch of small square matrices, and their exact backward.
///
/// Scaling and squaring with a Taylor approximant, in float32: `A` is scaled by `2^-s` until `‖A‖₁ ≤ 1/2`, `exp` of
/// the scaled matrix is the degree-8 Taylor polynomial by Horner's rule (truncation error below
/// `0.5⁹/9! ≈ 5e-9`, under float32 rounding even after a few squarings), and the result is squared `s` times.
/// The matrices are ManifoldCLR's Lie-operator blocks (64 × 64 in the paper, smaller in the scaled-down runs).
///
/// The backward is reverse mode through exactly these steps (recomputed, not stored): for `Y = Q²`,
/// `dQ = G Qᵀ + Qᵀ G`; for a Horner step `P_k = I + X P_{k+1} / k`, `dX += dP_k P_{k+1}ᵀ / k` and
/// `dP_{k+1} = Xᵀ dP_k / k`. It is the gradient of the computed approximant, which equals the Fréchet-derivative
/// adjoint `L(Aᵀ, G)` to the approximant's precision, at about 3× the forward's cost (the block-triangular form
/// `expm([[Aᵀ, G], [0, Aᵀ]])` costs 8× on matrices of twice the size).
enum MatrixExpKernel {
    static let taylorDegree = 8

    /// `y[b] = expm(a[b])` for `batch` matrices `(n, n)`, row-major.
    static func forward(_ a: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, n: Int, workers: Workers) {
        let nn = n * n
        workers.forRange(batch, minimumWork: 64, work: nn * n) { range in
            var work = Workspace(n: n)
            for b in range {
                work.load(a + b * nn)
                work.forward(keep: false)
                for i in 0..<nn { y[b * nn + i] = work.result[i] }
            }
        }
    }

    /// `da[b] += dL/da[b]` for `dy = dL/d expm(a)`.
    static func backward(_ a: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ da: UnsafeMutablePointer<Float>,
                         batch: Int, n: Int, workers: Workers) {
        let nn = n * n
        workers.forRange(batch, minimumWork: 64, work: 3 * nn * n) { range in
            var work = Workspace(n: n)
            for b in range {
                work.load(a + b * nn)
                work.forward(keep: true)
                let g = work.backward(dy + b * nn)
                for i in 0..<nn { da[b * nn + i] += g[i] }
            }
        }
    }

    /// Scratch for one matrix size.
    struct Workspace {
        let n: Int
        /// The scaled input `X = 2^-s A`.
        var x: [Float]
        /// Horner iterates `P_{K+1} = I, …, P_1` (kept for the backward) and the squaring inputs `Q_0 … Q_{s-1}`.
        var horner: [[Float]], squares: [[Float]]
        var result: [Float]
        var squarings = 0
        var t: [Float], u: [Float], v: [Float]

        init(n: Int) {
            self.n = n
            x = [Float](repeating: 0, count: n * n)
            result = x; t = x; u = x; v = x
            horner = []; squares = []
        }

        mutating func load(_ a: UnsafePointer<Float>) {
            for i in 0..<(n * n) { x[i] = a[i] }
        }

        /// `result = expm(x)`; scales `x` in place. With `keep`, records the iterates for `backward`.
        mutating func forward(keep: Bool) {
            let n = self.n, nn = n * n
            var norm: Float = 0
            for j in 0..<n {
                var c: Float = 0
                for i in 0..<n { c += Swift.abs(x[i * n + j]) }
                norm = Swift.max(norm, c)
            }
            squarings = 0
            while norm > 0.5 { norm /= 2; squarings += 1 }
            let scale = 1 / Float(1 << squarings)
            for i in 0..<nn { x[i] *= scale }
            if keep { horner.removeAll(keepingCapacity: true); squares.removeAll(keepingCapacity: true) }
            for i in 0..<nn { result[i] = 0 }
            for i in 0..<n { result[i * n + i] = 1 }
            for k in stride(from: MatrixExpKernel.taylorDegree, through: 1, by: -1) {
                if keep { horner.append(result) }
                Workspace.multiply(x, result, into: &t, n: n)
                let inv = 1 / Float(k)
                for i in 0..<nn { result[i] = t[i] * inv }
                for i in 0..<n { result[i * n + i] += 1 }
            }
            for _ in 0..<squarings {
                if keep { squares.append(result) }
                Workspace.multiply(result, result, into: &t, n: n)
                swap(&result, &t)
            }
        }

        /// The gradient in the unscaled input for the output gradient `g`, after `forward(keep: true)`.
        mutating func backward(_ g: UnsafePointer<Float>) -> [Float] {
            let n = self.n, nn = n * n
            var dp = [Float](repeating: 0, count: nn)
            for i in 0..<nn { dp[i] = g[i] }
            for q in squares.reversed() {
                // d(Q Q) = dQ Q + Q dQ  ⇒  dQ = G Qᵀ + Qᵀ G.
                Workspace.transpose(q, into: &u, n: n)
                Workspace.multiply(dp, u, into: &t, n: n)
                Workspace.multiply(u, dp, into: &v, n: n)
                for i in 0..<nn { dp[i] = t[i] + v[i] }
            }
            var dx = [Float](repeating: 0, count: nn)
            Workspace.transpose(x, into: &u, n: n)
            // horner[j] is P_{K+1-j}, the input of the step with k = K - j.
            for (j, k) in stride(from: MatrixExpKernel.taylorDegree, through: 1, by: -1).enumerated().reversed() {
                let inv = 1 / Float(k)
                Workspace.transpose(horner[j], into: &v, n: n)
                Workspace.multiply(dp, v, into: &t, n: n)
                for i in 0..<nn { dx[i] += t[i] * inv }
                Workspace.multiply(u, dp, into: &t, n: n)
                for i in 0..<nn { dp[i] = t[i] * inv }
            }
            let scale = 1 / Float(1 << squarings)
            for i in 0..<nn { dx[i] *= scale }
            return dx
        }

        static func transpose(_ a: [Float], into c: inout [Float], n: Int) {
            for i in 0..<n { for j in 0..<n { c[j * n + i] = a[i * n + j] } }
        }

        /// `c = a · b` for row-major `(n, n)`; i-k-j order keeps the inner loop contiguous.
        static func multiply(_ a: [Float], _ b: [Float], into c: inout [Float], n: Int) {
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        let a = a.baseAddress!, b = b.baseAddress!, c = c.baseAddress!
                        c.update(repeating: 0, count: n * n)
                        for i in 0..<n {
                            let ci = c + i * n
                            for k in 0..<n {
                                let aik = a[i * n + k]
                                if aik == 0 { continue }
                                let bk = b + k * n
                                for j in 0..<n { ci[j] += aik * bk[j] }
                            }
                        }
                    }
                }
            }
        }
    }
}
