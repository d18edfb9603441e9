import Engine

/// A borrowed `(C, H, W)` float image with values in [0, 1], the working format of the colour and blur steps.
public struct ImagePlanes {
    public let data: UnsafeMutablePointer<Float>
    public let channels: Int
    public let height: Int
    public let width: Int
    public var plane: Int { height * width }

    public init(data: UnsafeMutablePointer<Float>, channels: Int, height: Int, width: Int) {
        self.data = data; self.channels = channels; self.height = height; self.width = width
    }

    /// Channel `c`'s plane.
    @inline(__always) public func channel(_ c: Int) -> UnsafeMutablePointer<Float> { data + c * plane }
}

/// A closed interval `[lo, hi]` of a random factor (spec parameters such as crop scale or blur sigma).
public struct FactorRange: Sendable, Equatable, Codable {
    public var lo: Double
    public var hi: Double
    public init(_ lo: Double, _ hi: Double) { self.lo = lo; self.hi = hi }
    /// Uniform draw in `[lo, hi)`.
    func sample(_ rng: inout RNG) -> Float { Float(lo + (hi - lo) * Double(rng.uniform())) }
}
