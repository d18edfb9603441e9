import Testing
@testable import Data

@Suite struct BatchSamplerTests {
    @Test func epochPermutationIsAPureFunctionOfSeedAndEpoch() throws {
        let s = try BatchSampler(count: 1000, batchSize: 64, seed: 42)
        let p0 = s.permutation(epoch: 0)
        #expect(p0.sorted() == Array(0..<1000))
        #expect(p0 == (try BatchSampler(count: 1000, batchSize: 64, seed: 42)).permutation(epoch: 0))
        #expect(p0 != s.permutation(epoch: 1))
        #expect(p0 != (try BatchSampler(count: 1000, batchSize: 64, seed: 43)).permutation(epoch: 0))
    }

    @Test func batchesTileTheEpochWithoutRepeats() throws {
        let s = try BatchSampler(count: 1000, batchSize: 64, seed: 1)
        #expect(s.stepsPerEpoch == 15)
        let all = (0..<s.stepsPerEpoch).flatMap { s.indices(epoch: 3, step: $0) }
        #expect(all.count == 960)
        #expect(Set(all).count == 960)
        #expect(all == Array(s.permutation(epoch: 3).prefix(960)))
    }

    @Test func keepLastGivesAShortFinalBatch() throws {
        let s = try BatchSampler(count: 10, batchSize: 4, seed: 1, dropLast: false)
        #expect(s.stepsPerEpoch == 3)
        #expect(s.indices(epoch: 0, step: 2).count == 2)
    }

    @Test func positionsWrapAtTheEpochEnd() throws {
        let s = try BatchSampler(count: 10, batchSize: 4, seed: 1)
        #expect(s.position(after: 0, 0) == (0, 1))
        #expect(s.position(after: 0, 1) == (1, 0))
    }

    @Test func augmentationStreamsDifferPerStep() throws {
        let s = try BatchSampler(count: 10, batchSize: 4, seed: 1)
        var a = s.augmentationRNG(epoch: 0, step: 0), b = s.augmentationRNG(epoch: 0, step: 1)
        var c = s.augmentationRNG(epoch: 0, step: 0)
        let x = a.next()
        #expect(x != b.next())
        #expect(x == c.next())
    }

    @Test func rejectsBatchesLargerThanTheDataSet() {
        #expect(throws: DataError.self) { try BatchSampler(count: 10, batchSize: 11, seed: 0) }
        #expect(throws: DataError.self) { try BatchSampler(count: 10, batchSize: 0, seed: 0) }
    }
}
