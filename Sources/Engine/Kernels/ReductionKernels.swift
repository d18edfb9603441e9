import Foundation

/// Reductions of a row-major `(rows, cols)` buffer, over everything or along one axis, and their pullbacks.
///
/// Along axis 1 the result has one value per row; along axis 0 one per column. Sums accumulate in Double so a
/// mean over a 512×512 similarity matrix keeps float32 precision.
public enum ReductionKernel {
    /// The sum of all `n` values.
    public static func sumAll(_ x: UnsafePointer<Float>, count n: Int) -> Float {
        var s = 0.0
        for i in 0..<n { s += Double(x[i]) }
        return Float(s)
    }

    /// `dx += dy` for every element (`dy` is the one upstream value, already scaled for a mean).
    public static func broadcastAll(_ dy: Float, _ dx: UnsafeMutablePointer<Float>, count n: Int) {
        for i in 0..<n { dx[i] += dy }
    }

    /// `y[k] = scale · Σ x` along `axis` of a `(rows, cols)` buffer.
    public static func sum(_ x: UnsafePointer<Float>, rows: Int, cols: Int, axis: Int, scale: Float,
                           _ y: UnsafeMutablePointer<Float>) {
        if axis == 1 {
            for i in 0..<rows {
                let p = x + i * cols
                var s = 0.0
                for j in 0..<cols { s += Double(p[j]) }
                y[i] = Float(s) * scale
            }
        } else {
            var acc = [Double](repeating: 0, count: cols)
            acc.withUnsafeMutableBufferPointer { acc in
                for i in 0..<rows { let p = x + i * cols; for j in 0..<cols { acc[j] += Double(p[j]) } }
                for j in 0..<cols { y[j] = Float(acc[j]) * scale }
            }
        }
    }

    /// `dx[i, j] += scale · dy[k]`, `k` the reduced index of `(i, j)` (the pullback of `sum`).
    public static func sumBackward(_ dy: UnsafePointer<Float>, rows: Int, cols: Int, axis: Int, scale: Float,
                                   _ dx: UnsafeMutablePointer<Float>) {
        for i in 0..<rows {
            let q = dx + i * cols
            if axis == 1 {
                let g = dy[i] * scale
                for j in 0..<cols { q[j] += g }
            } else {
                for j in 0..<cols { q[j] += dy[j] * scale }
            }
        }
    }

    /// `y[k] = max x` along `axis`; `argmax[k]` is the flat index of the first maximum.
    public static func max(_ x: UnsafePointer<Float>, rows: Int, cols: Int, axis: Int,
                           _ y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>) {
        if axis == 1 {
            for i in 0..<rows {
                var best = x[i * cols], at = i * cols
                for j in 1..<Swift.max(cols, 1) where x[i * cols + j] > best { best = x[i * cols + j]; at = i * cols + j }
                y[i] = best; argmax[i] = Int32(at)
            }
        } else {
            for j in 0..<cols { y[j] = x[j]; argmax[j] = Int32(j) }
            for i in 1..<Swift.max(rows, 1) {
                let p = x + i * cols
                for j in 0..<cols where p[j] > y[j] { y[j] = p[j]; argmax[j] = Int32(i * cols + j) }
            }
        }
    }

    /// `dx[argmax[k]] += dy[k]` (the gradient goes to the first maximum only).
    public static func maxBackward(_ dy: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, count k: Int,
                                   _ dx: UnsafeMutablePointer<Float>) {
        for i in 0..<k { dx[Int(argmax[i])] += dy[i] }
    }

    /// `y[k] = log Σ exp x` along `axis`, stable: the maximum is subtracted before exponentiating.
    public static func logSumExp(_ x: UnsafePointer<Float>, rows: Int, cols: Int, axis: Int,
                                 _ y: UnsafeMutablePointer<Float>) {
        if axis == 1 {
            for i in 0..<rows {
                let p = x + i * cols
                var m = -Float.infinity
                for j in 0..<cols { m = Swift.max(m, p[j]) }
                if m == -Float.infinity { y[i] = m; continue }
                var s: Float = 0
                for j in 0..<cols { s += Foundation.exp(p[j] - m) }
                y[i] = m + Foundation.log(s)
            }
        } else {
            var acc = [Float](repeating: 0, count: cols)
            for j in 0..<cols { y[j] = -Float.infinity }
            for i in 0..<rows { let p = x + i * cols; for j in 0..<cols { y[j] = Swift.max(y[j], p[j]) } }
            acc.withUnsafeMutableBufferPointer { acc in
                for i in 0..<rows {
                    let p = x + i * cols
                    for j in 0..<cols where y[j] > -Float.infinity { acc[j] += Foundation.exp(p[j] - y[j]) }
                }
                for j in 0..<cols where y[j] > -Float.infinity { y[j] += Foundation.log(acc[j]) }
            }
        }
    }

    /// `dx[i, j] += dy[k] · exp(x[i, j] - y[k])` (the softmax along the axis times the upstream gradient).
    public static func logSumExpBackward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                                         _ dy: UnsafePointer<Float>, rows: Int, cols: Int, axis: Int,
                                         _ dx: UnsafeMutablePointer<Float>) {
        for i in 0..<rows {
            let p = x + i * cols, q = dx + i * cols
            if axis == 1 {
                let yi = y[i], g = dy[i]
                if yi == -Float.infinity { continue }
                for j in 0..<cols { q[j] += g * Foundation.exp(p[j] - yi) }
            } else {
                for j in 0..<cols where y[j] > -Float.infinity { q[j] += dy[j] * Foundation.exp(p[j] - y[j]) }
            }
        }
    }
}
