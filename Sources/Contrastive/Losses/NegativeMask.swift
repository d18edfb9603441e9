import Engine

/// Constant `(2N, 2N)` masks over the negatives of the `2N` stacked views `[x; y]`: row `r`'s self `r` and
/// positive `p(r)` (`r ± N`) are excluded, its `2N - 2` other views kept.
enum NegativeMask {
    /// 1 on the negatives, 0 on the self and the positive: multiply to drop terms from a sum.
    static func keep(n: Int) -> Tensor { make(n: n, negative: 1, excluded: 0) }

    /// 0 on the negatives, `InfoNCE.selfMask` on the self and the positive: add to logits to drop them from a softmax.
    static func drop(n: Int) -> Tensor { make(n: n, negative: 0, excluded: InfoNCE.selfMask) }

    private static func make(n: Int, negative: Float, excluded: Float) -> Tensor {
        let size = 2 * n
        let mask = Tensor(zeros: [size, size])
        mask.fill(negative)
        for r in 0..<size {
            mask.data[r * size + r] = excluded
            mask.data[r * size + (r < n ? r + n : r - n)] = excluded
        }
        return mask
    }
}
