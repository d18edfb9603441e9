import Contrastive
import Engine
import NN
import Testing

struct MomentumEncoderTests {
    let network = ContrastiveNetwork(backbone: "convnet-s", channels: 1, imageSize: 28, projectorHidden: [16],
                                     projectorOutput: 8, projectorBatchNorm: true)!

    func store(seed: UInt64) -> ParameterStore {
        var rng = RNG(seed: seed)
        return ParameterStore(layout: network.layout, rng: &rng)
    }

    func images(_ n: Int, seed: UInt64) -> Tensor {
        var rng = RNG(seed: seed)
        return Tensor((0..<n * 28 * 28).map { _ in rng.normal() }, shape: [n, 1, 28, 28])
    }

    func row(_ t: Tensor, _ i: Int) -> [Float] { let d = t.shape[1]; return Array(t.array[i * d..<(i + 1) * d]) }

    @Test("the key store starts as a copy of the query store and moves by θ_k ← m θ_k + (1 − m) θ_q")
    func ema() throws {
        let query = store(seed: 1)
        let encoder = MomentumEncoder(momentum: 0.99)
        encoder.attach(copying: query)
        let key = try #require(encoder.store)
        #expect(key.valueArray == query.valueArray && key.bufferArray == query.bufferArray)
        let before = key.valueArray
        for i in 0..<query.count { query.values[i] += 1 }
        encoder.update(toward: query)
        let want = zip(before, query.valueArray).map { 0.99 * $0 + 0.01 * $1 }
        #expect(zip(key.valueArray, want).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) })
    }

    @Test("keys record nothing and leave the query store's gradients alone")
    func noGradients() {
        let query = store(seed: 2)
        let encoder = MomentumEncoder(momentum: 0.9, chunks: 2)
        encoder.attach(copying: query)
        let k = encoder.keys(images(6, seed: 3), network: network, seed: 1, step: 0)
        #expect(!k.requiresGrad && k.shape == [6, 8])
        #expect((0..<query.count).allSatisfy { query.grads[$0] == 0 })
    }

    @Test("shuffle-BN stand-in: a key's BN statistics come from its own chunk of the (seed, step) permutation only")
    func shuffleBNHasNoLeakage() {
        let n = 8, seed: UInt64 = 11, step = 5
        let encoder = MomentumEncoder(momentum: 0.9, chunks: 2)
        encoder.attach(copying: store(seed: 4))
        let x = images(n, seed: 5)
        let base = encoder.keys(x, network: network, seed: seed, step: step)
        let order = MomentumEncoder.permutation(n, seed: seed, step: step)
        let chunkOf = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0 < n / 2 ? 0 : 1) })
        // Keys come back in image order: image i's key is its chunk's forward pass at its place in the chunk.
        let chunk0 = order.prefix(n / 2).map { $0 }
        let manual = network.embed(Tensor((chunk0.flatMap { Array(x.array[$0 * 784..<($0 + 1) * 784]) }), shape: [n / 2, 1, 28, 28]),
                                   encoder.store!, Tape(training: true, recording: false))
        for (j, image) in chunk0.enumerated() { #expect(row(base, image) == row(manual, j)) }
        // Perturbing image `j` moves exactly the keys of its own chunk.
        let j = order[0]
        let y = x.copy()
        for p in 0..<784 { y.data[j * 784 + p] += 0.5 }
        let moved = encoder.keys(y, network: network, seed: seed, step: step)
        for i in 0..<n where i != j {
            #expect((row(moved, i) != row(base, i)) == (chunkOf[i] == chunkOf[j]), "image \(i)")
        }
        // Without the stand-in one BN over the whole batch couples every key to every image.
        let plain = MomentumEncoder(momentum: 0.9, chunks: 1)
        plain.attach(copying: encoder.store!)
        let a = plain.keys(x, network: network, seed: seed, step: step), b = plain.keys(y, network: network, seed: seed, step: step)
        #expect((0..<n).allSatisfy { row(a, $0) != row(b, $0) })
    }

    @Test("queries run per contiguous chunk, so the query and key sub-batches of an image differ")
    func queryChunks() {
        let n = 8
        let encoder = MomentumEncoder(momentum: 0.9, chunks: 2)
        let query = store(seed: 6)
        encoder.attach(copying: query)
        let x = images(n, seed: 7), y = x.copy()
        for p in 0..<784 { y.data[7 * 784 + p] += 0.5 }  // image 7 is in the second query chunk
        let a = encoder.queries(x, network: network, store: query, tape: Tape(training: true, recording: false))
        let b = encoder.queries(y, network: network, store: query, tape: Tape(training: true, recording: false))
        #expect((0..<4).allSatisfy { row(a, $0) == row(b, $0) } && (4..<8).allSatisfy { row(a, $0) != row(b, $0) })
        let orders = (0..<20).map { MomentumEncoder.permutation(n, seed: 1, step: $0) }
        #expect(Set(orders).count > 15 && orders.allSatisfy { Set($0.prefix(4)) != Set(0..<4) || Set($0.prefix(4)) != Set(4..<8) })
        #expect(MomentumEncoder.chunkSizes(9, chunks: 2) == [4, 5] && MomentumEncoder.chunkSizes(1, chunks: 2) == [1])
    }
}
