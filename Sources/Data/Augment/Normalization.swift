/// Per-channel normalisation `(x/255 - mean[c]) / std[c]` of pixels `x` in 0…255 (torchvision `ToTensor` then
/// `Normalize`).
public struct Normalization: Sendable, Equatable, Codable {
    public var mean: [Float]
    public var std: [Float]

    public init(mean: [Float], std: [Float]) {
        precondition(mean.count == std.count && !mean.isEmpty, "mean and std need one value per channel")
        precondition(std.allSatisfy { $0 > 0 }, "std must be positive: \(std)")
        self.mean = mean; self.std = std
    }

    /// No normalisation beyond scaling to [0, 1].
    public static func unit(channels: Int) -> Normalization {
        Normalization(mean: [Float](repeating: 0, count: channels), std: [Float](repeating: 1, count: channels))
    }

    /// `(scale, shift)` per channel so that a byte `x` maps to `x·scale + shift`.
    func affine() -> (scale: [Float], shift: [Float]) {
        (std.map { 1 / (255 * $0) }, zip(mean, std).map { -$0 / $1 })
    }

    /// Writes `(v - mean[c]) / std[c]` for a `(C, H·W)` buffer `src` of values in [0, 1].
    func apply(_ src: UnsafePointer<Float>, channels: Int, plane: Int, into dst: UnsafeMutablePointer<Float>) {
        for c in 0..<channels {
            let m = mean[c], inv = 1 / std[c]
            let s = src + c * plane, d = dst + c * plane
            for p in 0..<plane { d[p] = (s[p] - m) * inv }
        }
    }
}
