extension Tape {
    /// Row `i` of the result holds the entries of row `i` of `x (N, M)` at `columns[i·c ..< (i+1)·c]` → `(N, c)`.
    ///
    /// Each row picks its own columns (a memory bank's sampled negatives, a ring of ranked scores); a column may
    /// repeat within a row (sampling with replacement) and its gradients then add up.
    public func gatherColumns(_ x: Tensor, _ columns: [Int], perRow c: Int) -> Tensor {
        precondition(x.shape.count == 2, "gatherColumns: expects (N, M), got \(x.shape)")
        let rows = x.shape[0], cols = x.shape[1]
        precondition(columns.count == rows * c, "gatherColumns: \(columns.count) columns for \(rows) rows of \(c)")
        precondition(columns.allSatisfy { $0 >= 0 && $0 < cols }, "gatherColumns: a column lies outside 0..<\(cols)")
        let y = Tensor(uninitialized: [rows, c])
        columns.withUnsafeBufferPointer {
            GatherKernel.gatherColumns(x.data, rows: rows, cols: cols, columns: $0.baseAddress!, perRow: c, y.data)
        }
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                columns.withUnsafeBufferPointer {
                    GatherKernel.scatterAddColumns(gy, rows: rows, cols: cols, columns: $0.baseAddress!, perRow: c,
                                                   x.gradBuffer())
                }
            }
        }
        return y
    }
}
