import Engine

extension Ring {
    /// For each row of `scores (N, M)`: the columns ranked `[inner, outer)` when the row is sorted descending,
    /// in rank order, with `outer = ⌊wOut·M⌋` and `inner = ⌊wIn·outer⌋`. Ties rank the lower column first.
    ///
    /// A quickselect for the outer ball, then a sort of the ball only: O(M + outer·log outer) per row. (swift-algorithms'
    /// `max(count:sortedBy:)` keeps a sorted prefix by insertion, O(M·outer) in the worst case, ~10⁹ moves per step
    /// for a 60,000-row bank, hence the hand-written selection.)
    public static func ringColumns(_ scores: Tensor, outer wOut: Double, inner wIn: Double, workers: Workers) -> (columns: [Int], perRow: Int) {
        precondition(scores.shape.count == 2, "ringColumns: expects (N, M), got \(scores.shape)")
        let rows = scores.shape[0], m = scores.shape[1]
        let outer = Int(wOut * Double(m)), inner = Int(wIn * Double(outer))
        let perRow = outer - inner
        guard perRow > 0 else { return ([], 0) }
        let out = UnsafeMutablePointer<Int>.allocate(capacity: rows * perRow)
        defer { out.deallocate() }
        let s = UnsafePointer(scores.data)
        workers.forRange(rows, minimumWork: 65_536, work: m) { range in
            let idx = UnsafeMutablePointer<Int>.allocate(capacity: m)
            defer { idx.deallocate() }
            for r in range {
                let row = s + r * m
                for j in 0..<m { idx[j] = j }
                // `before(a, b)`: a ranks above b (higher score; the lower column on a tie): a strict total order.
                @inline(__always) func before(_ a: Int, _ b: Int) -> Bool { row[a] > row[b] || (row[a] == row[b] && a < b) }
                select(idx, count: m, kth: outer - 1, before)
                var ball = UnsafeMutableBufferPointer(start: idx, count: outer)
                ball.sort(by: before)
                (out + r * perRow).update(from: idx + inner, count: perRow)
            }
        }
        return (Array(UnsafeBufferPointer(start: out, count: rows * perRow)), perRow)
    }

    /// Hoare quickselect: afterwards `a[kth]` is the element a full sort would put there, and none before it ranks below it.
    static func select(_ a: UnsafeMutablePointer<Int>, count: Int, kth: Int, _ before: (Int, Int) -> Bool) {
        var lo = 0, hi = count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            // Median of three as the pivot keeps sorted or reversed rows linear.
            if before(a[mid], a[lo]) { swap(a, lo, mid) }
            if before(a[hi], a[lo]) { swap(a, lo, hi) }
            if before(a[hi], a[mid]) { swap(a, mid, hi) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while before(a[i], pivot) { i += 1 }
                while before(pivot, a[j]) { j -= 1 }
                if i <= j { swap(a, i, j); i += 1; j -= 1 }
            }
            if kth <= j { hi = j } else if kth >= i { lo = i } else { return }
        }
    }

    @inline(__always) private static func swap(_ a: UnsafeMutablePointer<Int>, _ i: Int, _ j: Int) {
        let t = a[i]; a[i] = a[j]; a[j] = t
    }
}
