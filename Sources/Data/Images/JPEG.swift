import Foundation
import CJPEG

/// JPEG decoding and encoding through libjpeg-turbo (the only file that calls it).
///
/// Decoding always yields RGB: grayscale JPEGs are replicated to three planes (as PIL's `convert("RGB")` does)
/// and CMYK/YCCK JPEGs (a few dozen in ImageNet) are converted as Adobe-inverted CMYK, R = C·K/255.
public enum JPEG {
    /// Most pixels a decoded image may have by default (134 million, 400 MB decoded): far above any photo of the
    /// data sets, far below what a hostile header can declare (65,500² pixels from 600 bytes).
    public static let maximumPixels = 1 << 27

    /// Decodes `bytes` (read from `path`, named in errors) to a 3-channel image. With `minimumShorterSide`,
    /// libjpeg downscales by 2, 4 or 8 in the DCT domain as long as the shorter side stays at least that long
    /// (much faster for large photos that are resized down afterwards; pixels differ slightly from a full decode).
    /// An image declaring more than `maximumPixels` pixels is corrupt, refused before decoding.
    public static func decode(_ bytes: [UInt8], path: String, minimumShorterSide: Int? = nil,
                              maximumPixels: Int = maximumPixels) throws -> PlanarImage {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else {
            throw DataError.corrupt(path: path, expected: "a JPEG file (starting FF D8)",
                                    found: bytes.prefix(4).map { String(format: "%02X", $0) }.joined(separator: " "))
        }
        var out: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0, height: Int32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { b in
            replicate_jpeg_decode(b.baseAddress, UInt(b.count), Int32(minimumShorterSide ?? 0), UInt64(max(0, maximumPixels)),
                                  &out, &width, &height, &message, message.count)
        }
        guard status == 0, let out else {
            throw DataError.corrupt(path: path, expected: "a decodable JPEG", found: String(cString: message))
        }
        defer { free(out) }
        return PlanarImage(interleaved: out, channels: 3, height: Int(height), width: Int(width))
    }

    /// Reads and decodes the JPEG file at `path`.
    public static func decode(file path: String, minimumShorterSide: Int? = nil, maximumPixels: Int = maximumPixels) throws -> PlanarImage {
        try decode(BinaryFile.read(path), path: path, minimumShorterSide: minimumShorterSide, maximumPixels: maximumPixels)
    }

    /// Encodes a 1- or 3-channel image as a baseline JPEG (tests write real data set files with it).
    public static func encode(_ image: PlanarImage, quality: Int = 95) throws -> [UInt8] {
        guard image.channels == 1 || image.channels == 3 else {
            throw DataError.invalidParameter(name: "JPEG channels", value: "\(image.channels)", expected: "1 or 3")
        }
        guard (1...100).contains(quality) else {
            throw DataError.invalidParameter(name: "JPEG quality", value: "\(quality)", expected: "1...100")
        }
        var jpeg: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = image.interleaved.withUnsafeBufferPointer { p in
            replicate_jpeg_encode(p.baseAddress, Int32(image.width), Int32(image.height), Int32(image.channels),
                                  Int32(quality), &jpeg, &size, &message, message.count)
        }
        guard status == 0, let jpeg else {
            throw DataError.invalidParameter(name: "image for JPEG encoding", value: "\(image.width)x\(image.height)",
                                             expected: "encodable (\(String(cString: message)))")
        }
        defer { free(jpeg) }
        return Array(UnsafeBufferPointer(start: jpeg, count: Int(size)))
    }
}
