/// Per-row gathers of a row-major `(rows, cols)` buffer and their scatter-add pullbacks.
public enum GatherKernel {
    /// `y[i, j] = x[i, columns[i·c + j]]` for `x (rows, cols)`, `y (rows, c)`.
    public static func gatherColumns(_ x: UnsafePointer<Float>, rows: Int, cols: Int, columns: UnsafePointer<Int>, perRow c: Int,
                                     _ y: UnsafeMutablePointer<Float>) {
        for i in 0..<rows {
            let xi = x + i * cols, ci = columns + i * c, yi = y + i * c
            for j in 0..<c { yi[j] = xi[ci[j]] }
        }
    }

    /// `dx[i, columns[i·c + j]] += dy[i, j]`; a column picked twice in a row gets both gradients.
    public static func scatterAddColumns(_ dy: UnsafePointer<Float>, rows: Int, cols: Int, columns: UnsafePointer<Int>,
                                         perRow c: Int, _ dx: UnsafeMutablePointer<Float>) {
        for i in 0..<rows {
            let gi = dy + i * c, ci = columns + i * c, di = dx + i * cols
            for j in 0..<c { di[ci[j]] += gi[j] }
        }
    }
}
