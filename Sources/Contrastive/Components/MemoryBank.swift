import Engine

/// One unit embedding per training image, indexed by data-set index (instance discrimination).
///
/// - Paper: Wu et al., CVPR 2018; initialised and updated as the Ring code's `MemoryBank` (github.com/mhw32/contrastive-ring-public @fb3e1c2,
///   src/objectives/memory.py):
///   rows uniform in `[−s, s]`, `s = 1/√(D/3)`, then normalised; a trained row becomes
///   `normalize(m · row + (1 − m) · q̂)` (`m = 0`: replaced by the query's unit embedding).
public final class MemoryBank {
    /// `(M, D)` rows; the loss reads them as stop-gradient candidates.
    public let rows: Tensor
    /// Update momentum `m` of a row.
    public let momentum: Float
    public var count: Int { rows.shape[0] }
    public var dim: Int { rows.shape[1] }

    public init(count: Int, dim: Int, momentum: Float, seed: UInt64) {
        precondition(count > 0 && dim > 0, "memory bank of \(count) × \(dim)")
        precondition((0...1).contains(momentum), "memory bank momentum \(momentum) outside [0, 1]")
        var rng = RNG(seed: seed, stream: [0x4241_4e4b])
        let s = 1 / (Float(dim) / 3).squareRoot()
        rows = Tensor((0..<count * dim).map { _ in rng.uniform(-s, s) }, shape: [count, dim]).rowsNormalized()
        self.momentum = momentum
    }

    /// `row[indices[r]] = normalize(m · row + (1 − m) · values[r])` for the unit rows of `values (N, D)`.
    public func update(indices: [Int], values: Tensor) {
        precondition(values.shape == [indices.count, dim], "bank update: \(values.shape) for \(indices.count) indices")
        for (r, i) in indices.enumerated() {
            precondition(i >= 0 && i < count, "bank index \(i) outside 0..<\(count)")
            let row = rows.data + i * dim, v = values.data + r * dim
            var s: Float = 0
            for j in 0..<dim { row[j] = momentum * row[j] + (1 - momentum) * v[j]; s += row[j] * row[j] }
            let norm = max(s.squareRoot(), 1e-12)
            for j in 0..<dim { row[j] /= norm }
        }
    }

    /// Its part of the method state (flat arrays for checkpoints).
    public var state: [String: [Float]] { ["bank": rows.array] }

    /// Restores what `state` returned.
    public func restore(_ state: [String: [Float]]) throws {
        let v = try state.values("bank", count: count * dim)
        v.withUnsafeBufferPointer { rows.data.update(from: $0.baseAddress!, count: count * dim) }
    }
}
