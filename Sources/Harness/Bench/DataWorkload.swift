import Foundation
import Engine
import Data

/// The `data` workload of `replicate bench`: how many images per second the full SimCLR augmentation pipeline
/// turns out on one core, for CIFAR-sized (32×32×3) and STL-10-sized (96×96×3) uint8 inputs.
///
/// Pipeline per view: random resized crop to the input side (scale 0.08–1, bilinear), horizontal flip (p 0.5),
/// colour jitter (0.4, 0.4, 0.4, 0.1; p 0.8), random grayscale (p 0.2), Gaussian blur (kernel 10 % of the side,
/// σ 0.1–2, p 0.5) and normalisation — SimCLR's ImageNet recipe, blur included at both sizes so the figure is the
/// slowest pipeline a spec can ask for. Two views per image; batches of `batchSize` built exactly as training
/// builds them (`BatchLoader.batch`), on the calling thread. Inputs are synthetic (uniform random bytes):
/// the cost of these operations does not depend on the pixel values.
///
/// The `cropFlip` recipe is the shared bench's AUG workload instead (28×28×1, random resized crop and flip only),
/// so it lines up with `torch_reference.py --workload AUG`.
///
/// Training needs the pipeline to stay ahead of the engine: compare `viewsPerSecond` with the views per second
/// of a training step (bench W2: 256 views per step).
public struct DataWorkload: Sendable {
    /// Which augmentations a view goes through.
    public enum Recipe: String, Sendable, Codable {
        /// SimCLR's full recipe (crop, flip, jitter, grayscale, blur, normalisation).
        case simclr
        /// The shared bench's AUG: random resized crop (scale 0.08–1) and horizontal flip.
        case cropFlip = "crop-flip"
    }

    public var side: Int
    public var channels = 3
    public var recipe = Recipe.simclr
    public var batchSize = 256
    /// Timed batches (after one untimed warm-up batch).
    public var batches = 8
    public var seed: UInt64 = 0

    public init(side: Int, channels: Int = 3, recipe: Recipe = .simclr, batchSize: Int = 256, batches: Int = 8, seed: UInt64 = 0) {
        self.side = side; self.channels = channels; self.recipe = recipe
        self.batchSize = batchSize; self.batches = batches; self.seed = seed
    }

    /// CIFAR- and STL-10-sized inputs with the full recipe, then the shared bench's AUG for the PyTorch comparison.
    public static let standard = [DataWorkload(side: 32), DataWorkload(side: 96),
                                  DataWorkload(side: 28, channels: 1, recipe: .cropFlip)]

    public struct Result: Sendable, Equatable, Codable {
        public var side: Int
        public var channels: Int
        public var recipe: Recipe
        public var images: Int
        public var views: Int
        public var seconds: Double
        public var imagesPerSecond: Double { Double(images) / max(seconds, 1e-12) }
        public var viewsPerSecond: Double { Double(views) / max(seconds, 1e-12) }

        /// One line for the bench table.
        public var summary: String {
            String(format: "data %3dx%-3dx%d ", side, side, channels)
                + recipe.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                + String(format: "%7.0f images/s  %7.0f views/s  (%d images, %.2f s, 1 core)",
                         imagesPerSecond, viewsPerSecond, images, seconds)
        }
    }

    /// The augmentation recipe measured.
    public func pipeline() throws -> AugmentPipeline {
        if recipe == .cropFlip {
            return try AugmentPipeline(views: 2, crop: RandomResizedCrop(size: side, scale: (0.08, 1.0)), flipProbability: 0.5,
                                       normalization: Normalization(mean: [0], std: [1]))  // to float, as ToTensor
        }
        return try AugmentPipeline(views: 2, crop: RandomResizedCrop(size: side, scale: (0.08, 1.0)), flipProbability: 0.5,
                            colorJitter: ColorJitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, probability: 0.8),
                            grayscale: RandomGrayscale(probability: 0.2),
                            blur: GaussianBlur(kernelSize: GaussianBlur.simCLRKernelSize(side: side), sigma: (0.1, 2.0), probability: 0.5),
                            normalization: Normalization(mean: [0.4914, 0.4822, 0.4465], std: [0.2470, 0.2435, 0.2616]))
    }

    /// Runs the workload and returns its throughput.
    public func run() throws -> Result {
        let count = batchSize * 4
        var rng = RNG(seed: seed)
        let pixels = [UInt8](unsafeUninitializedCapacity: count * channels * side * side) { buf, n in
            for i in 0..<buf.count { buf[i] = UInt8(truncatingIfNeeded: rng.next()) }
            n = buf.count
        }
        let dataset = ImageDataset(name: "synthetic-\(side)", channels: channels, height: side, width: side, classes: 10,
                                   pixels: pixels, labels: (0..<count).map { Int32($0 % 10) })
        let loader = try BatchLoader(dataset: dataset, pipeline: pipeline(), batchSize: batchSize, seed: seed)
        let steps = loader.sampler.stepsPerEpoch
        let permutation = loader.sampler.permutation(epoch: 0)
        _ = loader.batch(epoch: 0, step: 0, permutation: permutation)  // warm-up: page in, allocate
        let start = DispatchTime.now().uptimeNanoseconds
        var views = 0
        for b in 0..<batches { views += loader.batch(epoch: 0, step: b % steps, permutation: permutation).views.shape[0] }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Result(side: side, channels: channels, recipe: recipe, images: batches * batchSize, views: views, seconds: seconds)
    }
}
