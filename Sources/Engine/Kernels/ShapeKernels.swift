/// Copies that rearrange a row-major buffer, and the pullbacks that route gradients back.
public enum ShapeKernel {
    /// `dx[i, j] += dy[i, j]` except on the diagonal of an `(n, n)` buffer (the pullback of `fillDiagonal`).
    public static func addOffDiagonal(_ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, n: Int) {
        for i in 0..<n {
            let g = dy + i * n, q = dx + i * n
            for j in 0..<n where j != i { q[j] += g[j] }
        }
    }

    /// The strict upper triangle of `(n, n)` row by row: `y = [x01, x02, …, x0(n-1), x12, …]` (`torch.pdist` order).
    public static func upperTriangle(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, n: Int) {
        var k = 0
        for i in 0..<n {
            let m = n - i - 1
            (y + k).update(from: x + i * n + i + 1, count: m)
            k += m
        }
    }

    /// Scatters the triangle's gradient back: `dx[i, j] += dy[k]` for `i < j` (pullback of `upperTriangle`).
    public static func upperTriangleBackward(_ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, n: Int) {
        var k = 0
        for i in 0..<n {
            let q = dx + i * n
            for j in (i + 1)..<Swift.max(n, i + 1) { q[j] += dy[k]; k += 1 }
        }
    }

    /// `y[r] = x[indices[r]]` for rows of width `cols`.
    public static func gatherRows(_ x: UnsafePointer<Float>, indices: UnsafePointer<Int>, count: Int, cols: Int,
                                  _ y: UnsafeMutablePointer<Float>) {
        for r in 0..<count { (y + r * cols).update(from: x + indices[r] * cols, count: cols) }
    }

    /// `dx[indices[r]] += dy[r]`; repeated indices accumulate (pullback of `gatherRows`).
    public static func scatterAddRows(_ dy: UnsafePointer<Float>, indices: UnsafePointer<Int>, count: Int, cols: Int,
                                      _ dx: UnsafeMutablePointer<Float>) {
        for r in 0..<count {
            let g = dy + r * cols, q = dx + indices[r] * cols
            for j in 0..<cols { q[j] += g[j] }
        }
    }

    /// Copies a `(rows, width)` block from `src` (row stride `srcStride`) to `dst` (row stride `dstStride`).
    public static func copyBlock(_ src: UnsafePointer<Float>, srcStride: Int, _ dst: UnsafeMutablePointer<Float>,
                                 dstStride: Int, rows: Int, width: Int) {
        for i in 0..<rows { (dst + i * dstStride).update(from: src + i * srcStride, count: width) }
    }

    /// Adds a `(rows, width)` block of `src` (row stride `srcStride`) into `dst` (row stride `dstStride`).
    public static func addBlock(_ src: UnsafePointer<Float>, srcStride: Int, _ dst: UnsafeMutablePointer<Float>,
                                dstStride: Int, rows: Int, width: Int) {
        for i in 0..<rows {
            let s = src + i * srcStride, d = dst + i * dstStride
            for j in 0..<width { d[j] += s[j] }
        }
    }

    /// `y = xᵀ` for `x (rows, cols)`, in 32×32 tiles so both sides stay in cache; `accumulate` adds instead.
    public static func transpose(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int,
                                 accumulate: Bool) {
        let tile = 32
        for i0 in stride(from: 0, to: rows, by: tile) {
            for j0 in stride(from: 0, to: cols, by: tile) {
                for i in i0..<Swift.min(i0 + tile, rows) {
                    for j in j0..<Swift.min(j0 + tile, cols) {
                        if accumulate { y[j * rows + i] += x[i * cols + j] } else { y[j * rows + i] = x[i * cols + j] }
                    }
                }
            }
        }
    }
}
