import Testing
import Engine
@testable import Data

@Suite struct AugmentPipelineTests {
    let data = syntheticDataset(count: 12, channels: 3, side: 16)
    let norm = Normalization(mean: [0.4, 0.5, 0.6], std: [0.2, 0.25, 0.3])

    func run(_ p: AugmentPipeline, _ indices: [Int], seed: UInt64) -> Tensor {
        let out = p.makeOutput(count: indices.count, for: data)
        var rng = RNG(seed: seed)
        p.apply(images: data, indices: indices, into: out, rng: &rng)
        return out
    }

    @Test func identityRecipeGivesTheNormalisedImagesInEveryView() throws {
        let p = try AugmentPipeline(views: 3, crop: nil, flipProbability: 0, normalization: norm)
        let idx = [4, 0, 9]
        let out = run(p, idx, seed: 1)
        #expect(out.shape == [9, 3, 16, 16])
        let plain = data.subset(idx).normalizedTensor(range: 0..<3, normalization: norm).array
        let a = out.array
        for v in 0..<3 {
            let view = Array(a[(v * plain.count)..<((v + 1) * plain.count)])
            #expect(zip(view, plain).allSatisfy { abs($0 - $1) < 1e-5 })
        }
    }

    @Test func alwaysFlipMirrorsEveryView() throws {
        let flip = try AugmentPipeline(views: 2, crop: nil, flipProbability: 1, normalization: norm)
        let plain = try AugmentPipeline(views: 2, crop: nil, flipProbability: 0, normalization: norm)
        let f = run(flip, [1, 2], seed: 5), p = run(plain, [1, 2], seed: 5)
        HorizontalFlip.apply(f.data, channels: 2 * 2 * 3, height: 16, width: 16)  // every plane of every row
        #expect(f.array == p.array)
    }

    @Test func viewsDifferAndAreViewMajor() throws {
        let p = try AugmentPipeline(views: 2, crop: RandomResizedCrop(size: 12, scale: (0.2, 1)),
                                    colorJitter: ColorJitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1),
                                    grayscale: RandomGrayscale(probability: 0.2), normalization: norm)
        let out = run(p, [3, 5, 7, 8], seed: 2)
        #expect(out.shape == [8, 3, 12, 12])
        let a = out.array, size = 3 * 12 * 12
        let view1 = Array(a[0..<4 * size]), view2 = Array(a[4 * size..<8 * size])
        #expect(view1 != view2)
        #expect(a.allSatisfy { $0.isFinite })
        // Row k of each view comes from indices[k]: the same position in a batch with a different neighbour
        // draws the same augmentation, so the first image's rows are unchanged.
        let other = run(p, [3, 6, 0, 1], seed: 2).array
        #expect(Array(other[0..<size]) == Array(a[0..<size]))
        #expect(Array(other[4 * size..<5 * size]) == Array(a[4 * size..<5 * size]))
    }

    @Test func sameRNGSameOutput() throws {
        let p = try AugmentPipeline(crop: RandomResizedCrop(size: 16), normalization: norm)
        #expect(run(p, [0, 1, 2], seed: 7).array == run(p, [0, 1, 2], seed: 7).array)
        #expect(run(p, [0, 1, 2], seed: 7).array != run(p, [0, 1, 2], seed: 8).array)
    }

    @Test func rejectsBadParameters() {
        #expect(throws: DataError.self) { try AugmentPipeline(views: 0, crop: nil, normalization: .unit(channels: 1)) }
        #expect(throws: DataError.self) { try AugmentPipeline(crop: nil, flipProbability: 1.5, normalization: .unit(channels: 1)) }
    }
}
