/// Inverted dropout: each element kept with probability `1 - p` and scaled by `1 / (1 - p)`.
public enum DropoutKernel {
    /// Draws `mask` (`0` or `1 / (1 - p)`, one uniform per element in order, so a seed fixes it) and writes
    /// `y = x * mask`.
    public static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                               mask: UnsafeMutablePointer<Float>, count: Int, p: Float, rng: inout RNG) {
        let keep = 1 / (1 - p)
        for i in 0..<count {
            mask[i] = rng.uniform() < p ? 0 : keep
            y[i] = x[i] * mask[i]
        }
    }

    /// `dx += dy * mask`.
    public static func backward(_ dy: UnsafePointer<Float>, mask: UnsafePointer<Float>,
                                _ dx: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { dx[i] += dy[i] * mask[i] }
    }
}
