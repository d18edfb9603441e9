import Engine

/// torchvision `ColorJitter` inside `RandomApply(p)`: with probability `p`, brightness, contrast, saturation and
/// hue factors are drawn uniformly from their ranges and applied in a random order.
///
/// Strengths follow torchvision: brightness/contrast/saturation `s` give factors in `[max(0, 1−s), 1+s]`,
/// hue `h` gives shifts in `[−h, h]` (`h ≤ 0.5`); a strength of 0 disables that adjustment.
public struct ColorJitter: Sendable, Equatable, Codable {
    public var brightness: FactorRange?
    public var contrast: FactorRange?
    public var saturation: FactorRange?
    public var hue: FactorRange?
    /// Probability that the jitter is applied at all (SimCLR 0.8; CACR/align-uniform 1).
    public var probability: Double

    public init(brightness: Double, contrast: Double, saturation: Double, hue: Double, probability: Double = 1) throws {
        for (name, v) in [("brightness", brightness), ("contrast", contrast), ("saturation", saturation)] where v < 0 {
            throw DataError.invalidParameter(name: "colour jitter \(name)", value: "\(v)", expected: ">= 0")
        }
        guard (0...0.5).contains(hue) else {
            throw DataError.invalidParameter(name: "colour jitter hue", value: "\(hue)", expected: "in [0, 0.5]")
        }
        guard (0...1).contains(probability) else {
            throw DataError.invalidParameter(name: "colour jitter probability", value: "\(probability)", expected: "in [0, 1]")
        }
        func around1(_ s: Double) -> FactorRange? { s == 0 ? nil : FactorRange(max(0, 1 - s), 1 + s) }
        self.brightness = around1(brightness); self.contrast = around1(contrast)
        self.saturation = around1(saturation); self.hue = hue == 0 ? nil : FactorRange(-hue, hue)
        self.probability = probability
    }

    /// SimCLR's jitter of strength `s`: (0.8s, 0.8s, 0.8s, 0.2s) with probability 0.8.
    public static func simCLR(strength s: Double, probability: Double = 0.8) throws -> ColorJitter {
        try ColorJitter(brightness: 0.8 * s, contrast: 0.8 * s, saturation: 0.8 * s, hue: 0.2 * s, probability: probability)
    }

    /// Applies the jitter with probability `probability`.
    public func randomApply(_ img: ImagePlanes, rng: inout RNG) {
        guard Double(rng.uniform()) < probability else { return }
        let order = rng.permutation(4)
        let b = brightness?.sample(&rng), c = contrast?.sample(&rng)
        let s = saturation?.sample(&rng), h = hue?.sample(&rng)
        for op in order {
            switch op {
            case 0: if let b { ColorAdjust.brightness(img, factor: b) }
            case 1: if let c { ColorAdjust.contrast(img, factor: c) }
            case 2: if let s { ColorAdjust.saturation(img, factor: s) }
            default: if let h { ColorAdjust.hue(img, shift: h) }
            }
        }
    }
}
