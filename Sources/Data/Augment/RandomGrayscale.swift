import Engine

/// torchvision `RandomGrayscale(p)`: with probability `p`, every channel becomes the ITU-R 601 luma
/// `0.299 R + 0.587 G + 0.114 B` (the channel count is kept).
public struct RandomGrayscale: Sendable, Equatable, Codable {
    public var probability: Double

    public init(probability: Double) throws {
        guard (0...1).contains(probability) else {
            throw DataError.invalidParameter(name: "grayscale probability", value: "\(probability)", expected: "in [0, 1]")
        }
        self.probability = probability
    }

    public func randomApply(_ img: ImagePlanes, rng: inout RNG) {
        if Double(rng.uniform()) < probability { ColorAdjust.grayscale(img) }
    }
}
