import Foundation

extension Tape {
    /// A reparameterised, soft-thresholded sample of `Laplace(shift, exp(logScale))`, all three inputs one shape.
    ///
    /// - Paper: Fallah et al., TMLR 2024 (ManifoldCLR), variational sparse coding. With `u ~ U(-1/2, 1/2)`
    ///   given as `noise` (drawn by the caller from the engine `RNG`, so a step is reproducible):
    ///   ```
    ///   e = -b · sign(u) · ln(clamp(1 - 2|u|, 1e-6, 1e6)),   b = exp(logScale)
    ///   forward:  c = shift + sign(e)(|e| - ζ)  where |e| > ζ,   c = 0 elsewhere   (the coefficient, not the shift)
    ///   backward: as if c = shift + e  (straight through the threshold): dshift = g, dlogScale = g · e
    ///   ```
    ///   With `ζ = 0` the sample is `shift + e` (0 only where `e` is exactly 0, as the official code).
    public func laplaceSample(shift: Tensor, logScale: Tensor, noise: Tensor, threshold: Float) -> Tensor {
        precondition(shift.shape == logScale.shape && shift.shape == noise.shape,
                     "laplaceSample: shapes \(shift.shape), \(logScale.shape), \(noise.shape) differ")
        precondition(threshold >= 0, "laplaceSample: threshold must be >= 0, got \(threshold)")
        let n = shift.count
        let y = Tensor(uninitialized: shift.shape)
        // The unthresholded offsets `e`, kept for the backward (dlogScale = g · e).
        let e = Tensor(uninitialized: shift.shape)
        for i in 0..<n {
            let u = noise.data[i]
            let s: Float = u > 0 ? 1 : (u < 0 ? -1 : 0)
            let ei = -Foundation.exp(logScale.data[i]) * s * Foundation.log(Swift.min(Swift.max(1 - 2 * Swift.abs(u), 1e-6), 1e6))
            e.data[i] = ei
            let mag = Swift.abs(ei) - threshold
            y.data[i] = mag > 0 ? shift.data[i] + (ei > 0 ? mag : -mag) : 0
        }
        if needsGrad(shift, logScale) {
            y.requiresGrad = true
            record { [shift, logScale, e, y] in
                guard let gy = y.grad else { return }
                if shift.requiresGrad { let d = shift.gradBuffer(); for i in 0..<n { d[i] += gy[i] } }
                if logScale.requiresGrad { let d = logScale.gradBuffer(); for i in 0..<n { d[i] += gy[i] * e.data[i] } }
            }
        }
        return y
    }
}
