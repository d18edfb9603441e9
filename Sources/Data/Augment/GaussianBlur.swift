import Foundation
import Engine

/// torchvision `GaussianBlur(kernel_size, sigma)` inside `RandomApply(p)`: σ uniform in `sigma`, a normalised
/// 1-D kernel `exp(−x²/2σ²)` at `x = −(k−1)/2 … (k−1)/2`, applied separably with reflect padding.
public struct GaussianBlur: Sendable, Equatable, Codable {
    public var kernelSize: Int
    public var sigma: FactorRange
    public var probability: Double

    public init(kernelSize: Int, sigma: (Double, Double) = (0.1, 2.0), probability: Double = 0.5) throws {
        guard kernelSize > 0, kernelSize % 2 == 1 else {
            throw DataError.invalidParameter(name: "blur kernel size", value: "\(kernelSize)", expected: "a positive odd integer")
        }
        guard sigma.0 > 0, sigma.0 <= sigma.1 else {
            throw DataError.invalidParameter(name: "blur sigma", value: "(\(sigma.0), \(sigma.1))", expected: "0 < lo <= hi")
        }
        guard (0...1).contains(probability) else {
            throw DataError.invalidParameter(name: "blur probability", value: "\(probability)", expected: "in [0, 1]")
        }
        self.kernelSize = kernelSize; self.sigma = FactorRange(sigma.0, sigma.1); self.probability = probability
    }

    /// A kernel size as a fraction of the image side, made odd as pl_bolts' SimCLR transform does
    /// (`int(0.1 * height)`, +1 if even).
    public static func kernelSize(fraction: Double, side: Int) -> Int {
        let k = Int(fraction * Double(side))
        return k % 2 == 0 ? k + 1 : k
    }

    /// SimCLR's kernel size for an image side: 10 % of it, made odd.
    public static func simCLRKernelSize(side: Int) -> Int { kernelSize(fraction: 0.1, side: side) }

    /// The normalised 1-D kernel for `sigma`.
    public static func kernel(size k: Int, sigma: Float) -> [Float] {
        let half = Float(k - 1) * 0.5
        var w = (0..<k).map { i -> Float in let x = (Float(i) - half) / sigma; return exp(-0.5 * x * x) }
        let s = w.reduce(0, +)
        for i in 0..<k { w[i] /= s }
        return w
    }

    /// Blurs with probability `probability`; `work` holds one `C·H·W` image.
    public func randomApply(_ img: ImagePlanes, work: UnsafeMutablePointer<Float>, rng: inout RNG) {
        guard Double(rng.uniform()) < probability else { return }
        GaussianBlur.apply(img, kernel: GaussianBlur.kernel(size: kernelSize, sigma: sigma.sample(&rng)), work: work)
    }

    /// Separable convolution with `kernel` (odd length), reflect padding (`dcb|abcd|cba`).
    public static func apply(_ img: ImagePlanes, kernel: [Float], work: UnsafeMutablePointer<Float>) {
        let k = kernel.count, r = k / 2, h = img.height, w = img.width
        func reflect(_ i: Int, _ n: Int) -> Int {
            guard n > 1 else { return 0 }
            let period = 2 * (n - 1)
            var j = i % period
            if j < 0 { j += period }
            return j < n ? j : period - j
        }
        // Reflected source positions, computed once: columns for the row pass, rows for the column pass.
        let colIndex = (0..<(w + 2 * r)).map { reflect($0 - r, w) }
        let rowIndex = (0..<(h + 2 * r)).map { reflect($0 - r, h) }
        let line = UnsafeMutablePointer<Float>.allocate(capacity: w + 2 * r)
        defer { line.deallocate() }
        kernel.withUnsafeBufferPointer { kw in
            for c in 0..<img.channels {
                let src = img.channel(c), tmp = work + c * img.plane
                for y in 0..<h {
                    let row = src + y * w
                    for i in 0..<(w + 2 * r) { line[i] = row[colIndex[i]] }
                    let out = tmp + y * w
                    for x in 0..<w {
                        var acc: Float = 0
                        for t in 0..<k { acc += kw[t] * line[x + t] }
                        out[x] = acc
                    }
                }
                for y in 0..<h {
                    let out = src + y * w
                    for x in 0..<w { out[x] = 0 }
                    for t in 0..<k {
                        let weight = kw[t], from = tmp + rowIndex[y + t] * w
                        for x in 0..<w { out[x] += weight * from[x] }
                    }
                }
            }
        }
    }
}
