extension Tape {
    /// `KL(Laplace(μq, bq) ‖ Laplace(μp, bp))` elementwise, from shifts and log-scales of one shape.
    ///
    /// - Paper: Fallah et al., TMLR 2024 (ManifoldCLR), KL between the coefficient posterior and the learned prior,
    ///   in closed form: with `d = |μq − μp|`,
    ///   `KL = d / bp + ln bp − ln bq − 1 + (bq / bp) · exp(−d / bq)`, each term `(N, M)`.
    /// Composed of differentiable ops, so its gradient comes from theirs.
    public func laplaceKL(shiftQ: Tensor, logScaleQ: Tensor, shiftP: Tensor, logScaleP: Tensor) -> Tensor {
        precondition(shiftQ.shape == logScaleQ.shape && shiftQ.shape == shiftP.shape && shiftQ.shape == logScaleP.shape,
                     "laplaceKL: shapes \(shiftQ.shape), \(logScaleQ.shape), \(shiftP.shape), \(logScaleP.shape) differ")
        let d = abs(sub(shiftQ, shiftP))
        let distance = div(d, exp(logScaleP))
        let ratio = exp(sub(sub(logScaleQ, logScaleP), div(d, exp(logScaleQ))))
        return add(add(sub(add(distance, logScaleP), logScaleQ), ratio), scalar: -1)
    }
}
