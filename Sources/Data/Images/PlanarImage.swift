/// One decoded 8-bit image, channel planes `(C, H, W)` in R, G, B order — the layout of `ImageDataset.pixels`.
public struct PlanarImage: Sendable, Equatable {
    public let channels: Int
    public let height: Int
    public let width: Int
    /// `channels · height · width` bytes.
    public var pixels: [UInt8]

    public init(channels: Int, height: Int, width: Int, pixels: [UInt8]) {
        precondition(channels > 0 && height > 0 && width > 0, "empty image \(channels)x\(height)x\(width)")
        precondition(pixels.count == channels * height * width,
                     "\(pixels.count) bytes for a \(channels)x\(height)x\(width) image")
        self.channels = channels; self.height = height; self.width = width; self.pixels = pixels
    }

    /// Interleaved `(H, W, C)` bytes (libjpeg's and PIL's layout) to planes.
    public init(interleaved src: UnsafePointer<UInt8>, channels: Int, height: Int, width: Int) {
        let plane = height * width
        let pixels = [UInt8](unsafeUninitializedCapacity: channels * plane) { dst, count in
            for p in 0..<plane { for c in 0..<channels { dst[c * plane + p] = src[p * channels + c] } }
            count = channels * plane
        }
        self.init(channels: channels, height: height, width: width, pixels: pixels)
    }

    /// The pixels as interleaved `(H, W, C)` bytes.
    public var interleaved: [UInt8] {
        let plane = height * width, c = channels
        return pixels.withUnsafeBufferPointer { src in
            [UInt8](unsafeUninitializedCapacity: c * plane) { dst, count in
                for p in 0..<plane { for k in 0..<c { dst[p * c + k] = src[k * plane + p] } }
                count = c * plane
            }
        }
    }
}
