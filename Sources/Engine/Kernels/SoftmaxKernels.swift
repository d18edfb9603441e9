import Foundation

/// Row-wise softmax, log-softmax and fused softmax cross-entropy over a row-major `(rows, cols)` buffer.
///
/// Every row has its maximum subtracted before exponentiating, so logits of any size stay finite.
public enum SoftmaxKernel {
    /// `y = softmax(x)` per row, or `log softmax(x)` when `log` is true.
    public static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int,
                               log: Bool, workers: Workers) {
        nonisolated(unsafe) let x = x, y = y
        workers.forRange(rows, minimumWork: 1 << 15, work: cols) { r in
            for i in r {
                let p = x + i * cols, q = y + i * cols
                let lse = logSumExp(p, cols)
                if log {
                    for j in 0..<cols { q[j] = p[j] - lse }
                } else {
                    for j in 0..<cols { q[j] = Foundation.exp(p[j] - lse) }
                }
            }
        }
    }

    /// Softmax pullback from the output: `dx += y ⊙ (dy - Σ dy ⊙ y)`.
    public static func backward(_ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                                rows: Int, cols: Int, workers: Workers) {
        nonisolated(unsafe) let y = y, dy = dy, dx = dx
        workers.forRange(rows, minimumWork: 1 << 15, work: cols) { r in
            for i in r {
                let p = y + i * cols, g = dy + i * cols, q = dx + i * cols
                var dot: Float = 0
                for j in 0..<cols { dot += g[j] * p[j] }
                for j in 0..<cols { q[j] += p[j] * (g[j] - dot) }
            }
        }
    }

    /// Log-softmax pullback from the output: `dx += dy - exp(y) Σ dy`.
    public static func logBackward(_ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                   _ dx: UnsafeMutablePointer<Float>, rows: Int, cols: Int, workers: Workers) {
        nonisolated(unsafe) let y = y, dy = dy, dx = dx
        workers.forRange(rows, minimumWork: 1 << 15, work: cols) { r in
            for i in r {
                let p = y + i * cols, g = dy + i * cols, q = dx + i * cols
                var s: Float = 0
                for j in 0..<cols { s += g[j] }
                for j in 0..<cols { q[j] += g[j] - Foundation.exp(p[j]) * s }
            }
        }
    }

    /// Mean over rows of `-log softmax(x)[target]`; writes each row's softmax to `probs` for the pullback.
    public static func crossEntropy(_ x: UnsafePointer<Float>, targets: UnsafePointer<Int>, rows: Int, cols: Int,
                                    probs: UnsafeMutablePointer<Float>, workers: Workers) -> Float {
        nonisolated(unsafe) let x = x, probs = probs, targets = targets
        let losses = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(rows, 1))
        defer { losses.deallocate() }
        nonisolated(unsafe) let l = losses
        workers.forRange(rows, minimumWork: 1 << 15, work: cols) { r in
            for i in r {
                let p = x + i * cols, q = probs + i * cols
                let lse = logSumExp(p, cols)
                for j in 0..<cols { q[j] = Foundation.exp(p[j] - lse) }
                l[i] = Double(lse - p[targets[i]])
            }
        }
        var total = 0.0
        for i in 0..<rows { total += losses[i] }
        return Float(total / Double(rows))
    }

    /// Cross-entropy pullback: `dx += dLoss / rows · (softmax(x) - onehot(target))`.
    public static func crossEntropyBackward(probs: UnsafePointer<Float>, targets: UnsafePointer<Int>, dLoss: Float,
                                            rows: Int, cols: Int, _ dx: UnsafeMutablePointer<Float>) {
        let g = dLoss / Float(rows)
        for i in 0..<rows {
            let p = probs + i * cols, q = dx + i * cols
            for j in 0..<cols { q[j] += g * p[j] }
            q[targets[i]] -= g
        }
    }

    @inline(__always)
    static func logSumExp(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var m = -Float.infinity
        for j in 0..<n { m = Swift.max(m, p[j]) }
        if m == -Float.infinity { return m }
        var s: Float = 0
        for j in 0..<n { s += Foundation.exp(p[j] - m) }
        return m + Foundation.log(s)
    }
}
