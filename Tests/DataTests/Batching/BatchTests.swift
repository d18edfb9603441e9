import Testing
@testable import Data

func testLoader(seed: UInt64 = 7, count: Int = 40, batchSize: Int = 8) throws -> BatchLoader {
    let data = syntheticDataset(count: count, channels: 3, side: 12)
    let pipeline = try AugmentPipeline(views: 2, crop: RandomResizedCrop(size: 10, scale: (0.2, 1)),
                                       colorJitter: ColorJitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, probability: 0.8),
                                       grayscale: RandomGrayscale(probability: 0.2),
                                       blur: GaussianBlur(kernelSize: 3),
                                       normalization: Normalization(mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25]))
    return try BatchLoader(dataset: data, pipeline: pipeline, batchSize: batchSize, seed: seed)
}

@Suite struct BatchTests {
    @Test func sameSeedEpochStepGivesTheSameBatch() throws {
        let a = try testLoader().batch(epoch: 2, step: 3)
        let b = try testLoader().batch(epoch: 2, step: 3)
        #expect(a.views.shape == [16, 3, 10, 10])
        #expect(a.viewCount == 2)
        #expect(a.indices == b.indices)
        #expect(a.views.array == b.views.array)
    }

    @Test func differentStepOrSeedGivesADifferentBatch() throws {
        let loader = try testLoader()
        let a = loader.batch(epoch: 2, step: 3)
        #expect(loader.batch(epoch: 2, step: 4).views.array != a.views.array)
        #expect(loader.batch(epoch: 3, step: 3).views.array != a.views.array)
        #expect(try testLoader(seed: 8).batch(epoch: 2, step: 3).views.array != a.views.array)
    }

    @Test func labelsFollowIndices() throws {
        let loader = try testLoader()
        let b = loader.batch(epoch: 0, step: 1)
        #expect(b.labels == b.indices.map { loader.dataset.labels[$0] })
        #expect(b.indices == loader.sampler.indices(epoch: 0, step: 1))
        #expect((b.epoch, b.step) == (0, 1))
    }
}
