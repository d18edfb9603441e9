import Engine

/// The uniform noise `u ~ U(−1/2, 1/2)` one ManifoldCLR step turns into Laplace samples, each `(N, M)`.
///
/// Drawn from `(seed, step)` so a step is reproducible; tests and the PyTorch reference pass fixed noise.
public struct ManifoldNoise {
    /// For the posterior sample when max-ELBO sampling is off.
    public var posterior: Tensor
    /// For the prior sample that makes the manifold feature augmentation.
    public var prior: Tensor
    /// `J` candidates for max-ELBO sampling (empty when off).
    public var candidates: [Tensor]

    public init(posterior: Tensor, prior: Tensor, candidates: [Tensor] = []) {
        self.posterior = posterior; self.prior = prior; self.candidates = candidates
    }

    /// Fresh noise for `rows × operators` coefficients and `samples` max-ELBO candidates.
    public static func draw(rows: Int, operators: Int, samples: Int, seed: UInt64, step: Int) -> ManifoldNoise {
        var rng = RNG(seed: seed, stream: [0x4D61_6E69, UInt64(step)])
        func uniform() -> Tensor {
            Tensor((0..<(rows * operators)).map { _ in rng.uniform() - 0.5 }, shape: [rows, operators])
        }
        let posterior = uniform(), prior = uniform()
        return ManifoldNoise(posterior: posterior, prior: prior, candidates: (0..<samples).map { _ in uniform() })
    }
}
