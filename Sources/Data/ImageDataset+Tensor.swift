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

extension ImageDataset {
    /// Per-channel mean and standard deviation of the pixels scaled to [0, 1] (population std, as the usual
    /// normalisation constants are computed), for specs that normalise by their own training set.
    public func channelStatistics() -> Normalization {
        let plane = height * width
        var sum = [Double](repeating: 0, count: channels), sq = sum
        pixels.withUnsafeBufferPointer { px in
            for n in 0..<count {
                for c in 0..<channels {
                    let p = px.baseAddress! + (n * channels + c) * plane
                    var s = 0, s2 = 0
                    for i in 0..<plane { let v = Int(p[i]); s += v; s2 += v * v }
                    sum[c] += Double(s); sq[c] += Double(s2)
                }
            }
        }
        let total = Double(count * plane)
        let mean = sum.map { $0 / total / 255 }
        let std = zip(sq, mean).map { max(0, ($0 / total / 65025) - $1 * $1).squareRoot() }
        return Normalization(mean: mean.map(Float.init), std: std.map { Float(max($0, 1e-12)) })
    }
}
