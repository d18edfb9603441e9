import Contrastive
import Data
import Engine
import Testing

struct MemoryBankMethodTests {
    @Test("one view per image; after a step the batch's bank rows are its unit queries (m = 0), the rest unchanged")
    func bankRowsFollowTheQueries() throws {
        let method = MemoryBankMethod(loss: InstanceDiscrimination(), momentum: 0, negatives: 50)
        let trainer = try methodTrainer(method, steps: 1)
        let bank = try #require(method.bank)
        #expect(method.viewCount == 1 && bank.count == 256 && bank.dim == 16)
        let batch = trainer.loader.batch(epoch: 0, step: 0)
        #expect(batch.viewCount == 1)
        let queries = Tape.inference().l2Normalize(trainer.network.embed(batch.view(0), trainer.store, Tape(training: true, recording: false)))
        let before = bank.rows.array
        _ = trainer.trainStep(batch)
        let rows = bank.rows.array
        let touched = Set(batch.indices)
        for r in 0..<256 where !touched.contains(r) { #expect(rows[r * 16..<(r + 1) * 16] == before[r * 16..<(r + 1) * 16]) }
        for (j, r) in batch.indices.enumerated() {
            #expect(zip(rows[r * 16..<(r + 1) * 16], queries.array[j * 16..<(j + 1) * 16]).allSatisfy { abs($0 - $1) < 1e-5 })
        }
        #expect(try method.state.values.first.map { $0.count } == 256 * 16)
    }

    @Test("IR and IR-Ring train a few steps on Fashion-MNIST without NaN; the draws make runs repeatable",
          arguments: ["instance-discrimination", "ring"])
    func trains(loss name: String) throws {
        let loss: any ContrastiveLoss = name == "ring" ? Ring(temperature: 0.07, outer: 0.5, inner: 0.1) : InstanceDiscrimination(temperature: 0.07)
        let a = try methodTrainer(MemoryBankMethod(loss: loss, momentum: 0, negatives: 64), steps: 6)
        let b = try methodTrainer(MemoryBankMethod(loss: loss, momentum: 0, negatives: 64), steps: 6)
        try a.run(); try b.run()
        #expect(a.losses.count == 6 && a.losses.allSatisfy(\.isFinite))
        #expect(a.losses == b.losses && a.method.state == b.method.state)
    }
}
