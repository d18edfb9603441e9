import Engine
import NN

/// MoCo's key encoder: the query network's layer graph on a second `ParameterStore`, moved toward the query
/// store by an exponential moving average after every optimiser step, never trained by gradients.
///
/// - Paper: He et al., CVPR 2020: `θ_k ← m θ_k + (1 − m) θ_q` (MoCo v2: m = 0.999), keys computed without
///   gradients but with batch norm in training mode (batch statistics; the key store keeps its own running ones).
///   MoCo updates before computing the step's keys, this class after the optimiser step: the same sequence, as
///   the key store starts as a copy of the query store.
///
/// **Shuffle-BN stand-in.** MoCo shuffles the keys' images across GPUs so that a query and its positive key get
/// their BN statistics from different sub-batches (otherwise the pair shares a statistic the model can use to
/// find its positive: "intra-batch leakage"). One process has no devices, so `chunks` simulates them: the query
/// encoder runs on `chunks` contiguous sub-batches (each device's own share), the key encoder on `chunks`
/// sub-batches of a permutation of the batch drawn from `(seed, step)`, and the keys are put back in image order.
/// Every BN statistic of a key then comes from its own chunk only, as on a device. `chunks: 1` is plain BN over
/// the whole batch (and equals the Ring code's single-GPU "shuffle", which permutes one batch and so changes
/// nothing).
public final class MomentumEncoder {
    public let momentum: Float
    /// Simulated devices for shuffle-BN; 1 = off.
    public let chunks: Int
    /// The key store; nil before `attach`.
    public private(set) var store: ParameterStore?

    public init(momentum: Float, chunks: Int = 1) {
        precondition((0...1).contains(momentum), "momentum \(momentum) outside [0, 1]")
        precondition(chunks >= 1, "shuffle-BN chunks must be >= 1")
        self.momentum = momentum; self.chunks = chunks
    }

    /// Allocates the key store as a copy of `query` (values and running statistics).
    public func attach(copying query: ParameterStore) {
        var unused = RNG(seed: 0)
        let s = ParameterStore(layout: query.layout, rng: &unused)
        s.copy(from: query)
        store = s
    }

    /// `θ_k ← m θ_k + (1 − m) θ_q`.
    public func update(toward query: ParameterStore) {
        guard let store else { preconditionFailure("MomentumEncoder.update before attach") }
        store.ema(toward: query, momentum: momentum)
    }

    /// The permutation of a batch of `n` images the keys are computed in at `step`.
    public static func permutation(_ n: Int, seed: UInt64, step: Int) -> [Int] {
        var rng = RNG(seed: seed, stream: [0x5348_5546, UInt64(step)])
        return rng.permutation(n)
    }

    /// Contiguous sub-batch sizes of `n` split into `chunks` (as equal as possible).
    public static func chunkSizes(_ n: Int, chunks: Int) -> [Int] {
        let c = max(1, min(chunks, n))
        return (0..<c).map { n * ($0 + 1) / c - n * $0 / c }
    }

    /// Keys `(N, D)` of `images (N, C, H, W)`, image order, no gradients, BN in training mode per chunk of the
    /// `(seed, step)` permutation.
    /// `context` is the training tape's, so keys split over the same workers as the queries.
    public func keys(_ images: Tensor, network: ContrastiveNetwork, seed: UInt64, step: Int,
                     context: EngineContext = .serial) -> Tensor {
        guard let store else { preconditionFailure("MomentumEncoder.keys before attach") }
        let n = images.shape[0]
        let tape = Tape(training: true, recording: false, context: context)
        guard chunks > 1 else { return network.embed(images, store, tape) }
        let order = Self.permutation(n, seed: seed, step: step)
        var start = 0
        var out: Tensor?
        for size in Self.chunkSizes(n, chunks: chunks) {
            let rows = Array(order[start..<(start + size)])
            let k = network.embed(images.gatheringRows(rows), store, tape)
            let d = k.shape[1]
            if out == nil { out = Tensor(uninitialized: [n, d]) }
            for (j, image) in rows.enumerated() { (out!.data + image * d).update(from: k.data + j * d, count: d) }
            start += size
        }
        return out!
    }

    /// Queries `(N, D)` on the trained store, recorded on `tape`: one forward per contiguous chunk, so their BN
    /// statistics are per simulated device too.
    public func queries(_ images: Tensor, network: ContrastiveNetwork, store query: ParameterStore, tape: Tape) -> Tensor {
        guard chunks > 1 else { return network.embed(images, query, tape) }
        var start = 0
        let parts = Self.chunkSizes(images.shape[0], chunks: chunks).map { size in
            defer { start += size }
            return network.embed(images.gatheringRows(Array(start..<(start + size))), query, tape)
        }
        return tape.concat(parts, axis: 0)
    }

    /// Its part of the method state (flat arrays for checkpoints).
    public var state: [String: [Float]] {
        guard let store else { return [:] }
        return ["key.values": store.valueArray, "key.buffers": store.bufferArray]
    }

    /// Restores what `state` returned.
    public func restore(_ state: [String: [Float]]) throws {
        guard let store else { preconditionFailure("MomentumEncoder.restore before attach") }
        store.load(values: try state.values("key.values", count: store.count),
                   buffers: try state.values("key.buffers", count: store.bufferCount))
    }
}
