import Contrastive
import Data
import Engine
import NN
import Testing

/// A Pretrainer on real Fashion-MNIST with `method` (convnet-s, a 16-d projector, batch 32).
func methodTrainer(_ method: any TrainingMethod, images: Int = 256, steps: Int, seed: UInt64 = 1) throws -> Pretrainer {
    let data = try fashionSubset(images)
    let net = try #require(ContrastiveNetwork(backbone: "convnet-s", channels: 1, imageSize: 28, projectorHidden: [32],
                                              projectorOutput: 16, projectorBatchNorm: true))
    let pipeline = try AugmentPipeline(views: method.viewCount, crop: try RandomResizedCrop(size: 28, scale: (0.2, 1)),
                                       flipProbability: 0.5, normalization: FashionMNIST.normalization)
    let loader = BatchLoader(dataset: data, pipeline: pipeline, sampler: try BatchSampler(count: data.count, batchSize: 32, seed: seed))
    return Pretrainer(network: net, method: method, loader: loader,
                      settings: PretrainSettings(steps: steps, baseLR: 0.05, momentum: 0.9, weightDecay: 5e-4, seed: seed))
}

struct MoCoMethodTests {
    @Test("one step: the loss sees the queue, then the key store moves by EMA and the step's unit keys are enqueued")
    func oneStep() throws {
        let method = MoCoMethod(loss: MoCoLoss(), momentum: 0.9, queueSize: 80, shuffleChunks: 2)
        let trainer = try methodTrainer(method, steps: 1)
        let key = try #require(method.encoder.store)
        #expect(key.valueArray == trainer.store.valueArray)
        // The keys of step 0, computed independently from a copy of the initial store.
        let reference = MomentumEncoder(momentum: 0.9, chunks: 2)
        reference.attach(copying: trainer.store)
        let batch = trainer.loader.batch(epoch: 0, step: 0)
        let keys = Tape.inference().l2Normalize(reference.keys(batch.view(1), network: trainer.network, seed: 1, step: 0))
        let queueBefore = try #require(method.queue).keys.array
        let before = trainer.store.valueArray
        _ = trainer.trainStep(batch)
        let queue = try #require(method.queue)
        #expect(Array(queue.keys.array[0..<32 * 16]) == keys.array)
        #expect(Array(queue.keys.array[(32 * 16)...]) == Array(queueBefore[(32 * 16)...]) && queue.pointer == 32)
        let after = trainer.store.valueArray
        #expect(after != before)
        let want = zip(before, after).map { 0.9 * $0 + 0.1 * $1 }
        #expect(zip(key.valueArray, want).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) })
    }

    @Test("the state holds queue, pointer and key encoder, and restores into a fresh method")
    func stateRoundTrip() throws {
        let a = MoCoMethod(loss: MoCoLoss(), momentum: 0.99, queueSize: 64)
        let trainer = try methodTrainer(a, steps: 3)
        try trainer.run()
        let state = a.state
        #expect(Set(state.keys) == ["queue", "queue.pointer", "key.values", "key.buffers"] && state["queue.pointer"] == [32])
        let b = MoCoMethod(loss: MoCoLoss(), momentum: 0.99, queueSize: 64)
        _ = try methodTrainer(b, steps: 0, seed: 2)
        try b.restore(state)
        #expect(b.state == state)
        let wrong = MoCoMethod(loss: MoCoLoss(), momentum: 0.99, queueSize: 32)
        _ = try methodTrainer(wrong, steps: 0)
        #expect(throws: MethodStateError.self) { try wrong.restore(state) }
    }

    @Test("MoCo and MoCo-Ring train a few steps on Fashion-MNIST without NaN, repeatably", arguments: ["moco", "ring"])
    func trains(loss name: String) throws {
        let loss: any ContrastiveLoss = name == "moco" ? MoCoLoss(temperature: 0.2) : Ring(temperature: 0.2, outer: 0.5, inner: 0.1)
        let a = try methodTrainer(MoCoMethod(loss: loss, momentum: 0.99, queueSize: 128, shuffleChunks: 2), steps: 6)
        let b = try methodTrainer(MoCoMethod(loss: loss, momentum: 0.99, queueSize: 128, shuffleChunks: 2), steps: 6)
        try a.run(); try b.run()
        #expect(a.losses.count == 6 && a.losses.allSatisfy(\.isFinite))
        #expect(a.losses == b.losses && a.method.state == b.method.state)
    }
}
