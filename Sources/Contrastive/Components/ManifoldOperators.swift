import Engine
import NN

/// ManifoldCLR's dictionary of block-diagonal Lie-group generators `Ψ_m` and the transport `z ↦ expm(Σ c_m Ψ_m) z`.
///
/// - Paper: Fallah et al., "Manifold Contrastive Learning with Variational Lie Group Operators", TMLR 2024
///   (official `TransOp_expm`, block-diagonal). The `D`-wide feature is cut into `S` consecutive blocks of
///   `b = D / S`; block `s` has its own generators `Ψ_{m,s} (b, b)`, the coefficients `c (N, M)` are shared:
///   ```
///   A_{n,s} = Σ_m c_{n,m} Ψ_{m,s}                 (N·S, b, b)   one matmul c (N, M) · Ψ (M, S·b·b)
///   T_{n,s} = expm(A_{n,s});  ẑ_{n,s} = T_{n,s} z_{n,s}        (N, D)
///   ```
public struct ManifoldOperators {
    /// `Ψ (M, S·b·b)`, row `m` holding the `S` blocks of generator `m` row-major.
    public let psi: ParamID
    public let dictionarySize: Int
    public let blocks: Int
    public let blockDim: Int

    /// Declares `Ψ` in `layout`; it starts at zero until `initialize` writes the official stable initialisation.
    public init(_ layout: ParameterLayout, featureDim: Int, dictionarySize: Int, blocks: Int) {
        precondition(blocks > 0 && featureDim % blocks == 0, "feature width \(featureDim) does not split into \(blocks) blocks")
        self.dictionarySize = dictionarySize; self.blocks = blocks; blockDim = featureDim / blocks
        precondition(blockDim % 2 == 0, "ManifoldCLR's rotation-block initialisation needs an even block width, got \(blockDim)")
        psi = layout.parameter("manifold.psi", [dictionarySize, blocks * blockDim * blockDim], isWeight: true, .constant(0))
    }

    /// The official stable initialisation: each `Ψ_{m,s}` is block-diagonal in `2 × 2` rotation generators
    /// `[[r, −θ], [θ, r]]` with `r ~ U(±0.5e-4)`, `θ ~ U(±3)` drawn once per `(m, s)`.
    public func initialize(_ store: ParameterStore, rng: inout RNG) {
        let p = store[psi].data, b = blockDim
        for m in 0..<dictionarySize {
            for s in 0..<blocks {
                let real = (rng.uniform() - 0.5) * 1e-4, imag = (rng.uniform() - 0.5) * 6
                let block = p + m * blocks * b * b + s * b * b
                block.update(repeating: 0, count: b * b)
                for i in stride(from: 0, to: b, by: 2) {
                    block[i * b + i] = real; block[(i + 1) * b + i + 1] = real
                    block[(i + 1) * b + i] = imag; block[i * b + i + 1] = -imag
                }
            }
        }
    }

    /// `expm(Σ_m c_m Ψ_m) z` block by block: `z (N, D)`, `c (N, M)` → `(N, D)`.
    public func transport(_ z: Tensor, coefficients c: Tensor, _ store: ParameterStore, _ tape: Tape) -> Tensor {
        let n = z.shape[0], b = blockDim
        precondition(c.shape == [n, dictionarySize] && z.shape == [n, blocks * b],
                     "transport: z \(z.shape) and coefficients \(c.shape) for \(dictionarySize) operators of \(blocks)×\(b)")
        let generators = tape.reshape(tape.matmul(c, store[psi]), [n * blocks, b, b])
        let moved = tape.batchedMatmul(tape.matrixExp(generators), tape.reshape(z, [n * blocks, b, 1]))
        return tape.reshape(moved, [n, blocks * b])
    }
}
