import Foundation
import Engine

/// Multinomial logistic regression on frozen features, fitted full-batch with L-BFGS.
///
/// - Paper: the L-BFGS linear probe of the shared benchmark W4 (as scikit-learn's `LogisticRegression(lbfgs)`).
///   `f(W, b) = mean_i CE(x_i Wᵀ + b, y_i) + λ/2 ‖W‖²`, `X (N, F)`, `W (C, F)`, `b (C)`.
///   Deterministic (no sampling), converges in ~100 iterations, and does not depend on a learning rate,
///   so a probe result says something about the features rather than about the probe's schedule.
public struct SoftmaxRegression: Sendable {
    public var iterations: Int
    public var l2: Double
    public var history: Int
    /// Workers, BLAS threads and the path (OpenBLAS or oneDNN) of the objective's products.
    public var context: EngineContext = .serial

    public init(iterations: Int = 100, l2: Double = 1e-4, history: Int = 10) {
        self.iterations = iterations; self.l2 = l2; self.history = history
    }

    /// Fits on `train` and returns test top-1 accuracy as a fraction.
    public func evaluate(train: FeatureMatrix, test: FeatureMatrix, classes: Int) -> Double {
        let theta = fit(train, classes: classes)
        return Self.accuracy(theta, test, classes: classes, workers: context.workers)
    }

    /// The fitted parameters `[W (C·F) ; b (C)]`.
    public func fit(_ m: FeatureMatrix, classes c: Int) -> [Double] {
        let n = c * m.dim + c
        var x = [Double](repeating: 0, count: n)
        var (fx, g) = objective(x, m, classes: c)
        var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
        for _ in 0..<iterations {
            // Two-loop recursion: d = −H g.
            var q = g
            var alpha = [Double](repeating: 0, count: s.count)
            for i in stride(from: s.count - 1, through: 0, by: -1) {
                alpha[i] = rho[i] * dot(s[i], q)
                for j in 0..<n { q[j] -= alpha[i] * y[i][j] }
            }
            let gamma = s.isEmpty ? 1 / max(norm(g), 1e-12) : dot(s.last!, y.last!) / dot(y.last!, y.last!)
            for j in 0..<n { q[j] *= gamma }
            for i in 0..<s.count {
                let beta = rho[i] * dot(y[i], q)
                for j in 0..<n { q[j] += s[i][j] * (alpha[i] - beta) }
            }
            var d = q.map { -$0 }
            var slope = dot(g, d)
            if slope >= 0 { d = g.map { -$0 }; slope = -dot(g, g) }  // not a descent direction: restart
            // Backtracking line search with the Armijo condition.
            var t = 1.0, xNew = x, fNew = fx, gNew = g
            var accepted = false
            for _ in 0..<30 {
                for j in 0..<n { xNew[j] = x[j] + t * d[j] }
                (fNew, gNew) = objective(xNew, m, classes: c)
                if fNew <= fx + 1e-4 * t * slope { accepted = true; break }
                t *= 0.5
            }
            if !accepted { break }
            let sk = (0..<n).map { xNew[$0] - x[$0] }, yk = (0..<n).map { gNew[$0] - g[$0] }
            let sy = dot(sk, yk)
            if sy > 1e-12 {
                s.append(sk); y.append(yk); rho.append(1 / sy)
                if s.count > history { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
            }
            let improvement = fx - fNew
            x = xNew; fx = fNew; g = gNew
            if improvement < 1e-10 * max(1, abs(fx)) || norm(g) < 1e-7 { break }
        }
        return x
    }

    /// Objective value and gradient at `theta`; the two products on the context's `matmul` path (OpenBLAS on the
    /// reference path, whose bits every trial cached before oneDNN was an option has).
    ///
    /// The rows' softmax runs on the context's workers, each row on its own: its terms are stored per row and
    /// summed in row order afterwards, so the softmax's part of the bits does not depend on the worker count (and is
    /// the one-loop form's, which trials cached before it were computed with).
    func objective(_ theta: [Double], _ m: FeatureMatrix, classes c: Int) -> (Double, [Double]) {
        let f = m.dim, n = m.count
        let w = theta[0..<(c * f)].map { Float($0) }, b = theta[(c * f)...].map { Float($0) }
        var logits = [Float](repeating: 0, count: n * c)
        m.values.withUnsafeBufferPointer { xp in
            w.withUnsafeBufferPointer { wp in
                logits.withUnsafeMutableBufferPointer { lp in
                    context.matmul.rowsTimesTransposed(x: xp.baseAddress!, w: wp.baseAddress!, y: lp.baseAddress!,
                                                       rows: n, k: f, n: c, blas: context.blas)
                }
            }
        }
        // dL/dlogits = (softmax − onehot) / N, written over the logits.
        var rowLoss = [Double](repeating: 0, count: n)
        logits.withUnsafeMutableBufferPointer { lp in
            rowLoss.withUnsafeMutableBufferPointer { rp in
                m.labels.withUnsafeBufferPointer { yp in
                    b.withUnsafeBufferPointer { bp in
                        let l = UncheckedBox(lp), r = UncheckedBox(rp)
                        context.workers.forRange(n, work: 8 * c) { rows in
                            for i in rows {
                                r.value[i] = Self.softmaxRow(l.value.baseAddress! + i * c, bias: bp, label: Int(yp[i]),
                                                             classes: c, count: Float(n))
                            }
                        }
                    }
                }
            }
        }
        let gl = logits
        var loss = 0.0
        for i in 0..<n { loss += rowLoss[i] }
        var gw = [Float](repeating: 0, count: c * f)
        gl.withUnsafeBufferPointer { gp in
            m.values.withUnsafeBufferPointer { xp in
                gw.withUnsafeMutableBufferPointer { wp in
                    context.matmul.transposedTimesRows(g: gp.baseAddress!, x: xp.baseAddress!, d: wp.baseAddress!,
                                                       rows: n, k: f, n: c, blas: context.blas)
                }
            }
        }
        var grad = [Double](repeating: 0, count: theta.count)
        var reg = 0.0
        for j in 0..<(c * f) { grad[j] = Double(gw[j]) + l2 * theta[j]; reg += theta[j] * theta[j] }
        for i in 0..<n { for k in 0..<c { grad[c * f + k] += Double(gl[i * c + k]) } }
        return (loss / Double(n) + 0.5 * l2 * reg, grad)
    }

    /// One row's cross-entropy term; overwrites its logits (before the bias) with `(softmax − onehot) / count`.
    /// Rounds as `log z + max − logit[label]` in single precision, then widens, as trials always have.
    @inline(__always)
    static func softmaxRow(_ row: UnsafeMutablePointer<Float>, bias: UnsafeBufferPointer<Float>, label: Int, classes c: Int,
                           count: Float) -> Double {
        var mx = -Float.infinity
        for k in 0..<c { row[k] += bias[k]; mx = max(mx, row[k]) }
        let target = row[label]
        var z: Float = 0
        for k in 0..<c { row[k] = Foundation.exp(row[k] - mx); z += row[k] }
        let loss = Double(mx + Foundation.log(z) - target)
        for k in 0..<c { row[k] = row[k] / z / count }
        row[label] -= 1 / count
        return loss
    }

    /// Top-1 accuracy of `theta` on `m`; rows are scored on `workers`, each in double precision.
    static func accuracy(_ theta: [Double], _ m: FeatureMatrix, classes c: Int, workers: Workers = .one) -> Double {
        let f = m.dim
        var hits = [Int](repeating: 0, count: m.count)
        hits.withUnsafeMutableBufferPointer { hp in
            m.values.withUnsafeBufferPointer { xp in
                let h = UncheckedBox(hp)
                workers.forRange(m.count, work: c * f) { rows in
                    for i in rows {
                        var best = 0, bestScore = -Double.infinity
                        for k in 0..<c {
                            var s = theta[c * f + k]
                            for j in 0..<f { s += theta[k * f + j] * Double(xp[i * f + j]) }
                            if s > bestScore { bestScore = s; best = k }
                        }
                        h.value[i] = best == Int(m.labels[i]) ? 1 : 0
                    }
                }
            }
        }
        return Double(hits.reduce(0, +)) / Double(max(m.count, 1))
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in 0..<a.count { s += a[i] * b[i] }
        return s
    }
    private func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
}

