import Foundation

/// Resizing of stored images, as PIL's `Image.resize(…, BILINEAR)` (what torchvision's `Resize` runs on PIL
/// images): a triangle filter whose support widens with the downscale factor, so shrinking a photo averages
/// every source pixel instead of sampling a few (no aliasing). Computed in float, rounded once at the end
/// (PIL rounds to 8 bits between its horizontal and vertical passes: values may differ by one level).
public enum ImageResize {
    /// Filter taps of one output coordinate: `count` weights starting at source index `first`.
    struct Taps {
        var first: [Int] = []
        var count: [Int] = []
        var weights: [Float] = []
        var stride = 0
    }

    /// Taps for output coordinates `window` of a resize from `input` to `output` samples.
    static func taps(input: Int, output: Int, window: Range<Int>) -> Taps {
        let scale = Double(input) / Double(output)
        let filterScale = max(scale, 1)
        let support = filterScale  // the triangle's support is 1, widened by the scale when shrinking
        var t = Taps()
        t.stride = Int(ceil(support)) * 2 + 1
        t.weights = [Float](repeating: 0, count: window.count * t.stride)
        for (k, x) in window.enumerated() {
            let center = (Double(x) + 0.5) * scale
            let lo = max(Int(center - support + 0.5), 0)
            let hi = min(Int(center + support + 0.5), input)
            var w = [Double]()
            for i in lo..<hi {
                w.append(max(0, 1 - abs((Double(i) - center + 0.5) / filterScale)))
            }
            let total = w.reduce(0, +)
            t.first.append(lo)
            t.count.append(w.count)
            for (j, v) in w.enumerated() { t.weights[k * t.stride + j] = Float(total > 0 ? v / total : 0) }
        }
        return t
    }

    /// `image` resized to `height × width`, keeping only rows `top ..< top + cropHeight` and columns
    /// `left ..< left + cropWidth` of the result (the whole result by default).
    public static func resize(_ image: PlanarImage, height: Int, width: Int,
                              crop: CropBox? = nil) -> PlanarImage {
        let box = crop ?? CropBox(top: 0, left: 0, height: height, width: width)
        precondition(box.top >= 0 && box.left >= 0 && box.top + box.height <= height && box.left + box.width <= width,
                     "crop \(box) outside \(height)x\(width)")
        let tx = taps(input: image.width, output: width, window: box.left..<(box.left + box.width))
        let ty = taps(input: image.height, output: height, window: box.top..<(box.top + box.height))
        let inW = image.width, inH = image.height, outW = box.width, outH = box.height
        var rows = [Float](repeating: 0, count: inH * outW)  // horizontal pass, one channel at a time
        var out = [UInt8](repeating: 0, count: image.channels * outH * outW)
        image.pixels.withUnsafeBufferPointer { src in
            rows.withUnsafeMutableBufferPointer { mid in
                out.withUnsafeMutableBufferPointer { dst in
                    tx.weights.withUnsafeBufferPointer { wx in
                        ty.weights.withUnsafeBufferPointer { wy in
                            for c in 0..<image.channels {
                                let plane = src.baseAddress! + c * inH * inW
                                for y in 0..<inH {
                                    let row = plane + y * inW
                                    for x in 0..<outW {
                                        let w = wx.baseAddress! + x * tx.stride, first = tx.first[x]
                                        var s: Float = 0
                                        for j in 0..<tx.count[x] { s += w[j] * Float(row[first + j]) }
                                        mid[y * outW + x] = s
                                    }
                                }
                                let outPlane = dst.baseAddress! + c * outH * outW
                                for y in 0..<outH {
                                    let w = wy.baseAddress! + y * ty.stride, first = ty.first[y]
                                    for x in 0..<outW {
                                        var s: Float = 0
                                        for j in 0..<ty.count[y] { s += w[j] * mid[(first + j) * outW + x] }
                                        outPlane[y * outW + x] = UInt8(max(0, min(255, s.rounded())))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return PlanarImage(channels: image.channels, height: outH, width: outW, pixels: out)
    }

    /// torchvision's `Resize(shorterSide)` then `CenterCrop(crop)`: the shorter side becomes `shorterSide`, the
    /// longer `int(shorterSide · long / short)`, and the centred `crop × crop` square is kept (offsets rounded
    /// half to even, as Python's `round`). `crop` must not exceed `shorterSide`.
    public static func shorterSideThenCenterCrop(_ image: PlanarImage, shorterSide: Int, crop: Int) -> PlanarImage {
        precondition(crop > 0 && crop <= shorterSide, "centre crop \(crop) larger than the resized side \(shorterSide)")
        let (h, w): (Int, Int)
        if image.width <= image.height {
            (h, w) = (shorterSide * image.height / image.width, shorterSide)
        } else {
            (h, w) = (shorterSide, shorterSide * image.width / image.height)
        }
        let box = CropBox(top: centreOffset(h - crop), left: centreOffset(w - crop), height: crop, width: crop)
        return resize(image, height: h, width: w, crop: box)
    }

    /// `round(d / 2)` with Python's half-to-even rule.
    static func centreOffset(_ d: Int) -> Int {
        let k = d / 2
        return d % 2 == 1 && k % 2 == 1 ? k + 1 : k
    }
}
