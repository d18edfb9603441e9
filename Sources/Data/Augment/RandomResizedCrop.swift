import Foundation
import Engine

/// A crop rectangle in source pixels.
public struct CropBox: Sendable, Equatable {
    public var top: Int, left: Int, height: Int, width: Int
    public init(top: Int, left: Int, height: Int, width: Int) {
        self.top = top; self.left = left; self.height = height; self.width = width
    }
}

/// torchvision `RandomResizedCrop`: a random area fraction in `scale` and aspect ratio in `ratio` (log-uniform),
/// 10 attempts, then a centre crop clamped to `ratio`; the crop is resized to `height × width` bilinearly with
/// `align_corners=False` (no antialiasing: torchvision's PIL path antialiases when shrinking, its tensor path
/// without `antialias` does not).
public struct RandomResizedCrop: Sendable, Equatable, Codable {
    public var height: Int
    public var width: Int
    public var scaleLow: Double, scaleHigh: Double
    public var ratioLow: Double, ratioHigh: Double

    public init(height: Int, width: Int, scale: (Double, Double) = (0.08, 1.0),
                ratio: (Double, Double) = (3.0 / 4.0, 4.0 / 3.0)) throws {
        guard height > 0, width > 0 else {
            throw DataError.invalidParameter(name: "crop size", value: "\(height)x\(width)", expected: "positive")
        }
        guard scale.0 > 0, scale.0 <= scale.1, scale.1 <= 1 else {
            throw DataError.invalidParameter(name: "crop scale", value: "(\(scale.0), \(scale.1))", expected: "0 < lo <= hi <= 1")
        }
        guard ratio.0 > 0, ratio.0 <= ratio.1 else {
            throw DataError.invalidParameter(name: "crop ratio", value: "(\(ratio.0), \(ratio.1))", expected: "0 < lo <= hi")
        }
        self.height = height; self.width = width
        scaleLow = scale.0; scaleHigh = scale.1; ratioLow = ratio.0; ratioHigh = ratio.1
    }

    /// A square output of side `size`.
    public init(size: Int, scale: (Double, Double) = (0.08, 1.0), ratio: (Double, Double) = (3.0 / 4.0, 4.0 / 3.0)) throws {
        try self.init(height: size, width: size, scale: scale, ratio: ratio)
    }

    /// Samples the crop for an image of `height × width`, as `RandomResizedCrop.get_params` does.
    public func sample(height imageHeight: Int, width imageWidth: Int, rng: inout RNG) -> CropBox {
        let area = Double(imageHeight * imageWidth)
        let logLow = log(ratioLow), logHigh = log(ratioHigh)
        for _ in 0..<10 {
            let targetArea = area * (scaleLow + (scaleHigh - scaleLow) * Double(rng.uniform()))
            let aspect = exp(logLow + (logHigh - logLow) * Double(rng.uniform()))
            // Python's round() rounds half to even.
            let w = Int((targetArea * aspect).squareRoot().rounded(.toNearestOrEven))
            let h = Int((targetArea / aspect).squareRoot().rounded(.toNearestOrEven))
            if w > 0, w <= imageWidth, h > 0, h <= imageHeight {
                let top = rng.int(below: imageHeight - h + 1)
                let left = rng.int(below: imageWidth - w + 1)
                return CropBox(top: top, left: left, height: h, width: w)
            }
        }
        let inRatio = Double(imageWidth) / Double(imageHeight)
        var w = imageWidth, h = imageHeight
        if inRatio < ratioLow {
            h = Int((Double(w) / ratioLow).rounded(.toNearestOrEven))
        } else if inRatio > ratioHigh {
            w = Int((Double(h) * ratioHigh).rounded(.toNearestOrEven))
        }
        return CropBox(top: (imageHeight - h) / 2, left: (imageWidth - w) / 2, height: h, width: w)
    }

    /// Resizes `box` of a `(C, H, W)` byte image to `(C, outH, outW)` floats in [0, 1], bilinear with
    /// `align_corners=False` (PyTorch `upsample_bilinear2d`: source = (dst + 0.5)·in/out − 0.5, clamped at 0).
    public static func resample(_ src: UnsafePointer<UInt8>, channels: Int, height: Int, width: Int, box: CropBox,
                                into dst: UnsafeMutablePointer<Float>, outHeight: Int, outWidth: Int) {
        precondition(box.top >= 0 && box.left >= 0 && box.top + box.height <= height && box.left + box.width <= width,
                     "crop \(box) outside \(height)x\(width)")
        let sy = Float(box.height) / Float(outHeight), sx = Float(box.width) / Float(outWidth)
        // Column taps are the same for every row: compute once.
        var x0 = [Int](repeating: 0, count: outWidth), x1 = x0
        var wx = [Float](repeating: 0, count: outWidth)
        for x in 0..<outWidth {
            let s = max(0, (Float(x) + 0.5) * sx - 0.5)
            let i = min(Int(s), box.width - 1)
            x0[x] = box.left + i
            x1[x] = box.left + min(i + 1, box.width - 1)
            wx[x] = s - Float(i)
        }
        let inv: Float = 1 / 255
        x0.withUnsafeBufferPointer { x0 in x1.withUnsafeBufferPointer { x1 in wx.withUnsafeBufferPointer { wx in
            for y in 0..<outHeight {
                let s = max(0, (Float(y) + 0.5) * sy - 0.5)
                let i = min(Int(s), box.height - 1)
                let y0 = box.top + i, y1 = box.top + min(i + 1, box.height - 1)
                let ly = (s - Float(i)) * inv, hy = inv - ly
                for c in 0..<channels {
                    let r0 = src + (c * height + y0) * width, r1 = src + (c * height + y1) * width
                    let d = dst + (c * outHeight + y) * outWidth
                    for x in 0..<outWidth {
                        let a = x0[x], b = x1[x], lx = wx[x]
                        let top = Float(r0[a]) + (Float(r0[b]) - Float(r0[a])) * lx
                        let bottom = Float(r1[a]) + (Float(r1[b]) - Float(r1[a])) * lx
                        d[x] = top * hy + bottom * ly
                    }
                }
            }
        }}}
    }
}
