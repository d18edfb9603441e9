import Engine

/// Alignment and uniformity as evaluation metrics (Wang & Isola, ICML 2020, Sec. 4): the same minibatch
/// formulas as the losses, run forward only. Lower is better for both.
extension AlignUniform {
    /// `1/N Σ_i ‖x_i - y_i‖^α` over positive pairs, rows of `x, y (N, D)`; normalised first unless told not to.
    public static func alignment(x: Tensor, y: Tensor, alpha: Float = 2, normalize: Bool = true) -> Double {
        precondition(x.shape == y.shape && x.shape.count == 2, "alignment: expects two (N, D), got \(x.shape), \(y.shape)")
        let tape = Tape.inference()
        let (a, b) = normalize ? (tape.l2Normalize(x), tape.l2Normalize(y)) : (x, y)
        return Double(alignLoss(a, b, alpha: alpha, tape: tape).item)
    }

    /// `log mean_{i<j} exp(-t ‖x_i - x_j‖²)` over the rows of `x (N, D)`; normalised first unless told not to.
    public static func uniformity(x: Tensor, t: Float = 2, normalize: Bool = true) -> Double {
        precondition(x.shape.count == 2, "uniformity: expects (N, D), got \(x.shape)")
        let tape = Tape.inference()
        return Double(uniformLoss(normalize ? tape.l2Normalize(x) : x, t: t, tape: tape).item)
    }

    /// `alignment` for row-major embeddings of width `dimension` held in arrays.
    public static func alignment(x: [Float], y: [Float], dimension: Int, alpha: Float = 2, normalize: Bool = true) -> Double {
        alignment(x: matrix(x, dimension), y: matrix(y, dimension), alpha: alpha, normalize: normalize)
    }

    /// `uniformity` for row-major embeddings of width `dimension` held in an array.
    public static func uniformity(x: [Float], dimension: Int, t: Float = 2, normalize: Bool = true) -> Double {
        uniformity(x: matrix(x, dimension), t: t, normalize: normalize)
    }

    private static func matrix(_ values: [Float], _ d: Int) -> Tensor {
        precondition(d > 0 && values.count % d == 0, "\(values.count) values are not rows of width \(d)")
        return Tensor(values, shape: [values.count / d, d])
    }
}
