import Engine

extension ImageDataset {
    /// Un-augmented images `range` as a float tensor `(n, C, H, W)` with `(x/255 - mean[c]) / std[c]`,
    /// for evaluation (probe features, kNN, retrieval).
    public func normalizedTensor(range: Range<Int>, mean: [Float], std: [Float]) -> Tensor {
        normalizedTensor(range: range, normalization: Normalization(mean: mean, std: std))
    }

    /// Un-augmented images `range` as `(n, C, H, W)`, normalised by `normalization`.
    public func normalizedTensor(range: Range<Int>, normalization: Normalization) -> Tensor {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range \(range) outside 0..<\(count)")
        precondition(normalization.mean.count == channels, "normalisation has \(normalization.mean.count) channels, images \(channels)")
        let out = Tensor(uninitialized: [range.count, channels, height, width])
        let plane = height * width
        let (scale, shift) = normalization.affine()
        pixels.withUnsafeBufferPointer { src in
            let base = src.baseAddress! + range.lowerBound * imageSize
            for n in 0..<range.count {
                for c in 0..<channels {
                    let s = base + (n * channels + c) * plane
                    let d = out.data + (n * channels + c) * plane
                    let a = scale[c], b = shift[c]
                    for p in 0..<plane { d[p] = Float(s[p]) * a + b }
                }
            }
        }
        return out
    }
}
