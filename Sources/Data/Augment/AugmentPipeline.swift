import Engine

/// The augmentation recipe of a method, built from spec parameters: for each image, `views` independent draws of
/// random resized crop → horizontal flip → colour jitter (with probability) → random grayscale → Gaussian blur
/// (with probability) → per-channel normalisation, in torchvision's SimCLR order.
///
/// Every image and view gets its own RNG stream derived from one draw of the batch RNG, so a batch is a pure
/// function of that RNG regardless of the order in which images are processed.
public struct AugmentPipeline: Sendable {
    /// Augmented views per image (2; K+1 for CACR).
    public var views: Int
    /// The crop; `nil` keeps the full image at its size.
    public var crop: RandomResizedCrop?
    /// Probability of a horizontal flip.
    public var flipProbability: Double
    /// Colour jitter, applied with its own probability; `nil` for none.
    public var colorJitter: ColorJitter?
    /// Random grayscale; `nil` for none.
    public var grayscale: RandomGrayscale?
    /// Gaussian blur, applied with its own probability; `nil` for none.
    public var blur: GaussianBlur?
    public var normalization: Normalization

    public init(views: Int = 2, crop: RandomResizedCrop?, flipProbability: Double = 0.5,
                colorJitter: ColorJitter? = nil, grayscale: RandomGrayscale? = nil, blur: GaussianBlur? = nil,
                normalization: Normalization) throws {
        guard views >= 1 else { throw DataError.invalidParameter(name: "views", value: "\(views)", expected: ">= 1") }
        guard (0...1).contains(flipProbability) else {
            throw DataError.invalidParameter(name: "flip probability", value: "\(flipProbability)", expected: "in [0, 1]")
        }
        self.views = views; self.crop = crop; self.flipProbability = flipProbability
        self.colorJitter = colorJitter; self.grayscale = grayscale; self.blur = blur
        self.normalization = normalization
    }

    /// `(C, H, W)` of one augmented image made from images of the given shape.
    public func outputShape(channels: Int, height: Int, width: Int) -> [Int] {
        [channels, crop?.height ?? height, crop?.width ?? width]
    }

    /// A tensor `(views·n, C, H', W')` to augment `n` images of `dataset` into.
    public func makeOutput(count n: Int, for dataset: ImageDataset) -> Tensor {
        Tensor(uninitialized: [views * n] + outputShape(channels: dataset.channels, height: dataset.height, width: dataset.width))
    }

    /// Augments `images[indices]` into `out`, view-major: rows `v·N ..< (v+1)·N` hold view `v` of all `N` images.
    public func apply(images: ImageDataset, indices: [Int], into out: Tensor, rng: inout RNG) {
        let n = indices.count
        let shape = outputShape(channels: images.channels, height: images.height, width: images.width)
        precondition(out.shape == [views * n] + shape, "output \(out.shape), expected \([views * n] + shape)")
        precondition(normalization.mean.count == images.channels,
                     "normalisation for \(normalization.mean.count) channels, images have \(images.channels)")
        let base = rng.next()
        let outSize = shape.reduce(1, *)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 2 * outSize)
        defer { scratch.deallocate() }
        images.pixels.withUnsafeBufferPointer { pixels in
            for v in 0..<views {
                for (k, i) in indices.enumerated() {
                    precondition(i >= 0 && i < images.count, "index \(i) outside 0..<\(images.count)")
                    var sampleRNG = RNG(seed: base, stream: [UInt64(v), UInt64(k)])
                    augment(pixels.baseAddress! + i * images.imageSize, channels: images.channels,
                            height: images.height, width: images.width,
                            into: out.data + (v * n + k) * outSize, scratch: scratch, rng: &sampleRNG)
                }
            }
        }
    }

    /// One augmented view of a `(C, H, W)` byte image into `dst`; `scratch` holds `2·C·H'·W'` floats.
    public func augment(_ src: UnsafePointer<UInt8>, channels: Int, height: Int, width: Int,
                        into dst: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, rng: inout RNG) {
        let outH = crop?.height ?? height, outW = crop?.width ?? width
        let plane = outH * outW
        let image = scratch, work = scratch + channels * plane
        let box = crop?.sample(height: height, width: width, rng: &rng)
            ?? CropBox(top: 0, left: 0, height: height, width: width)
        RandomResizedCrop.resample(src, channels: channels, height: height, width: width, box: box,
                                   into: image, outHeight: outH, outWidth: outW)
        if Double(rng.uniform()) < flipProbability {
            HorizontalFlip.apply(image, channels: channels, height: outH, width: outW)
        }
        let colour = ImagePlanes(data: image, channels: channels, height: outH, width: outW)
        colorJitter?.randomApply(colour, rng: &rng)
        grayscale?.randomApply(colour, rng: &rng)
        blur?.randomApply(colour, work: work, rng: &rng)
        normalization.apply(image, channels: channels, plane: plane, into: dst)
    }
}
