import Foundation
import Testing
import Engine
@testable import Data

@Suite struct RandomResizedCropTests {
    /// Runs the crop + resample of one image and returns the float output.
    func cropped(_ d: ImageDataset, _ crop: RandomResizedCrop, seed: UInt64) -> [Float] {
        var rng = RNG(seed: seed)
        let out = [Float](unsafeUninitializedCapacity: d.channels * crop.height * crop.width) { buf, n in
            d.pixels.withUnsafeBufferPointer { src in
                let box = crop.sample(height: d.height, width: d.width, rng: &rng)
                RandomResizedCrop.resample(src.baseAddress!, channels: d.channels, height: d.height, width: d.width,
                                           box: box, into: buf.baseAddress!, outHeight: crop.height, outWidth: crop.width)
            }
            n = d.channels * crop.height * crop.width
        }
        return out
    }

    @Test(arguments: [1, 3])
    func fullImageAtUnitScaleAndRatioIsIdentity(channels: Int) throws {
        let d = syntheticDataset(count: 1, channels: channels, side: 28)
        let crop = try RandomResizedCrop(size: 28, scale: (1, 1), ratio: (1, 1))
        for seed in 0..<5 as Range<UInt64> {
            let out = cropped(d, crop, seed: seed)
            #expect(out.map { ($0 * 255).rounded() } == d.pixels.map(Float.init))
        }
    }

    @Test func sampledBoxesRespectScaleAndRatio() throws {
        let crop = try RandomResizedCrop(size: 32, scale: (0.2, 1), ratio: (3.0 / 4, 4.0 / 3))
        var rng = RNG(seed: 11)
        var sawSmall = false
        for _ in 0..<2000 {
            let b = crop.sample(height: 32, width: 32, rng: &rng)
            #expect(b.top >= 0 && b.left >= 0 && b.top + b.height <= 32 && b.left + b.width <= 32)
            let area = Double(b.height * b.width) / 1024
            // Rounding of w and h to integers moves the area a little outside the nominal range.
            #expect(area > 0.17 && area <= 1)
            if area < 0.3 { sawSmall = true }
            let ratio = Double(b.width) / Double(b.height)
            #expect(ratio > 0.6 && ratio < 1.6)
        }
        #expect(sawSmall)
    }

    @Test func impossibleRatioFallsBackToClampedCentreCrop() throws {
        // A 4:1 crop never fits at full area in a square, so all 10 attempts fail.
        let crop = try RandomResizedCrop(size: 8, scale: (1, 1), ratio: (4, 4))
        var rng = RNG(seed: 1)
        #expect(crop.sample(height: 20, width: 20, rng: &rng) == CropBox(top: 7, left: 0, height: 5, width: 20))
        let tall = try RandomResizedCrop(size: 8, scale: (1, 1), ratio: (0.5, 1))
        #expect(tall.sample(height: 10, width: 40, rng: &rng) == CropBox(top: 0, left: 15, height: 10, width: 10))
    }

    @Test func halvingAveragesTwoByTwoBlocks() throws {
        // align_corners=False at scale 2 samples at source 2y+0.5: the mean of each 2x2 block.
        let pixels: [UInt8] = (0..<16).map { UInt8($0 * 10) }
        var out = [Float](repeating: 0, count: 4)
        pixels.withUnsafeBufferPointer { src in
            RandomResizedCrop.resample(src.baseAddress!, channels: 1, height: 4, width: 4,
                                       box: CropBox(top: 0, left: 0, height: 4, width: 4),
                                       into: &out, outHeight: 2, outWidth: 2)
        }
        let expected: [Float] = [25, 45, 105, 125].map { $0 / 255 }
        for (a, b) in zip(out, expected) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func upscalingMatchesPyTorchBilinear() throws {
        // torch.nn.functional.interpolate([[0, 100]], size=4, mode="bilinear", align_corners=False) along x:
        // sources -0.25→0 (clamped), 0.25, 0.75, 1.25→1 give 0, 25, 75, 100.
        let pixels: [UInt8] = [0, 100]
        var out = [Float](repeating: 0, count: 4)
        pixels.withUnsafeBufferPointer { src in
            RandomResizedCrop.resample(src.baseAddress!, channels: 1, height: 1, width: 2,
                                       box: CropBox(top: 0, left: 0, height: 1, width: 2),
                                       into: &out, outHeight: 1, outWidth: 4)
        }
        for (a, b) in zip(out, [0, 25, 75, 100] as [Float]) { #expect(abs(a * 255 - b) < 1e-4) }
    }

    @Test func rejectsBadParameters() {
        #expect(throws: DataError.self) { try RandomResizedCrop(size: 0) }
        #expect(throws: DataError.self) { try RandomResizedCrop(size: 8, scale: (0.5, 0.2)) }
        #expect(throws: DataError.self) { try RandomResizedCrop(size: 8, ratio: (0, 1)) }
    }
}
