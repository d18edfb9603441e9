import Testing
@testable import Data

@Suite struct PrefetcherTests {
    @Test func yieldsTheSameBatchesAsDirectComputation() throws {
        let loader = try testLoader(count: 40, batchSize: 16)  // 2 steps per epoch
        let batches = Array(Prefetcher(loader: loader, endEpoch: 3))
        #expect(batches.map { [$0.epoch, $0.step] } == [[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]])
        for b in batches {
            let direct = loader.batch(epoch: b.epoch, step: b.step)
            #expect(b.indices == direct.indices)
            #expect(b.views.array == direct.views.array)
        }
    }

    @Test func resumingMidEpochContinuesTheSameSequence() throws {
        let loader = try testLoader(count: 40, batchSize: 8)  // 5 steps per epoch
        let full = Array(Prefetcher(loader: loader, endEpoch: 2))
        let resumed = Array(Prefetcher(loader: loader, epoch: 0, step: 3, endEpoch: 2))
        #expect(resumed.count == full.count - 3)
        for (a, b) in zip(full.dropFirst(3), resumed) {
            #expect((a.epoch, a.step) == (b.epoch, b.step))
            #expect(a.views.array == b.views.array)
        }
    }

    @Test func unboundedPrefetcherKeepsGoingAndCanBeDropped() throws {
        let loader = try testLoader(count: 40, batchSize: 8)
        let p = Prefetcher(loader: loader)
        for expected in 0..<12 {
            let b = try #require(p.next())
            #expect(b.epoch * 5 + b.step == expected)
        }
    }
}
