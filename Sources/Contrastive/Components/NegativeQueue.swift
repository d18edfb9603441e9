import Engine

/// MoCo's queue: the `K` most recent unit keys, first in first out.
///
/// - Paper: He et al., CVPR 2020. Initialised, as MoCo does, with random normal vectors normalised to unit length
///   (`torch.randn(K, D)` then `F.normalize`), so the first steps contrast against noise until real keys arrive.
public final class NegativeQueue {
    /// `(K, D)` rows; the loss reads them as stop-gradient negatives.
    public let keys: Tensor
    /// The row the next enqueued key overwrites (the oldest).
    public private(set) var pointer = 0
    public var size: Int { keys.shape[0] }
    public var dim: Int { keys.shape[1] }

    public init(size: Int, dim: Int, seed: UInt64) {
        precondition(size > 0 && dim > 0, "queue of \(size) × \(dim)")
        var rng = RNG(seed: seed, stream: [0x5155_4555])
        keys = Tensor((0..<size * dim).map { _ in rng.normal() }, shape: [size, dim]).rowsNormalized()
    }

    /// Writes the rows of `batch (N, D)` over the oldest `N` keys (wrapping around) and advances the pointer by `N`.
    public func enqueue(_ batch: Tensor) {
        precondition(batch.shape.count == 2 && batch.shape[1] == dim, "enqueue \(batch.shape) into a queue of width \(dim)")
        let n = batch.shape[0]
        for r in 0..<n { (keys.data + ((pointer + r) % size) * dim).update(from: batch.data + r * dim, count: dim) }
        pointer = (pointer + n) % size
    }

    /// Its part of the method state (flat arrays for checkpoints).
    public var state: [String: [Float]] { ["queue": keys.array, "queue.pointer": [Float(pointer)]] }

    /// Restores what `state` returned.
    public func restore(_ state: [String: [Float]]) throws {
        let v = try state.values("queue", count: size * dim)
        let p = try state.values("queue.pointer", count: 1)[0]
        guard p >= 0, p < Float(size), p == p.rounded() else { throw MethodStateError(key: "queue.pointer", expected: 1, found: nil) }
        v.withUnsafeBufferPointer { keys.data.update(from: $0.baseAddress!, count: size * dim) }
        pointer = Int(p)
    }
}
