/// torchvision's tensor colour functions (`adjust_brightness`, `adjust_contrast`, `adjust_saturation`,
/// `adjust_hue`, `rgb_to_grayscale`) on [0, 1] float images, each clamping to [0, 1] as torchvision's `_blend` does.
/// One-channel images pass saturation and hue unchanged, as in torchvision.
public enum ColorAdjust {
    /// ITU-R 601-2 luma weights for R, G, B.
    public static let lumaWeights: (r: Float, g: Float, b: Float) = (0.299, 0.587, 0.114)

    @inline(__always) static func clamp01(_ x: Float) -> Float { min(max(x, 0), 1) }

    /// `x ← clamp(f·x)`.
    public static func brightness(_ img: ImagePlanes, factor f: Float) {
        let n = img.channels * img.plane
        for i in 0..<n { img.data[i] = clamp01(img.data[i] * f) }
    }

    /// `x ← clamp(f·x + (1−f)·m)` with `m` the mean luma of the whole image (the mean value for one channel).
    public static func contrast(_ img: ImagePlanes, factor f: Float) {
        let n = img.plane
        var sum: Double = 0
        if img.channels == 3 {
            let (r, g, b) = (img.channel(0), img.channel(1), img.channel(2))
            for p in 0..<n { sum += Double(luma(r[p], g[p], b[p])) }
        } else {
            for i in 0..<(img.channels * n) { sum += Double(img.data[i]) }
            sum /= Double(img.channels)
        }
        let m = Float(sum / Double(n)) * (1 - f)
        for i in 0..<(img.channels * n) { img.data[i] = clamp01(f * img.data[i] + m) }
    }

    /// `x ← clamp(f·x + (1−f)·luma)` per pixel.
    public static func saturation(_ img: ImagePlanes, factor f: Float) {
        guard img.channels == 3 else { return }
        let (r, g, b) = (img.channel(0), img.channel(1), img.channel(2))
        for p in 0..<img.plane {
            let l = luma(r[p], g[p], b[p]) * (1 - f)
            r[p] = clamp01(f * r[p] + l); g[p] = clamp01(f * g[p] + l); b[p] = clamp01(f * b[p] + l)
        }
    }

    /// Rotates the hue by `shift` turns (`shift` in [−0.5, 0.5]) through HSV, as torchvision's `_rgb2hsv`/`_hsv2rgb`.
    public static func hue(_ img: ImagePlanes, shift: Float) {
        guard img.channels == 3 else { return }
        let (r, g, b) = (img.channel(0), img.channel(1), img.channel(2))
        for p in 0..<img.plane {
            var (h, s, v) = rgbToHSV(r[p], g[p], b[p])
            h = (h + shift).truncatingRemainder(dividingBy: 1)
            if h < 0 { h += 1 }
            (r[p], g[p], b[p]) = hsvToRGB(h, s, v)
        }
    }

    /// Replaces every channel of a 3-channel image by its luma (one-channel images are already grey).
    public static func grayscale(_ img: ImagePlanes) {
        guard img.channels == 3 else { return }
        let (r, g, b) = (img.channel(0), img.channel(1), img.channel(2))
        for p in 0..<img.plane {
            let l = luma(r[p], g[p], b[p])
            r[p] = l; g[p] = l; b[p] = l
        }
    }

    @inline(__always) public static func luma(_ r: Float, _ g: Float, _ b: Float) -> Float {
        lumaWeights.r * r + lumaWeights.g * g + lumaWeights.b * b
    }

    /// Hue in [0, 1), saturation, value.
    public static func rgbToHSV(_ r: Float, _ g: Float, _ b: Float) -> (Float, Float, Float) {
        let maxc = max(r, g, b), minc = min(r, g, b)
        let cr = maxc - minc
        if cr == 0 { return (0, 0, maxc) }
        let s = cr / maxc
        let rc = (maxc - r) / cr, gc = (maxc - g) / cr, bc = (maxc - b) / cr
        let h: Float
        if maxc == r { h = bc - gc } else if maxc == g { h = 2 + rc - bc } else { h = 4 + gc - rc }
        var turns = (h / 6 + 1).truncatingRemainder(dividingBy: 1)
        if turns < 0 { turns += 1 }
        return (turns, s, maxc)
    }

    public static func hsvToRGB(_ h: Float, _ s: Float, _ v: Float) -> (Float, Float, Float) {
        let i6 = (h * 6).rounded(.down)
        let f = h * 6 - i6
        let p = clamp01(v * (1 - s)), q = clamp01(v * (1 - s * f)), t = clamp01(v * (1 - s * (1 - f)))
        switch ((Int(i6) % 6) + 6) % 6 {
        case 0: return (v, t, p)
        case 1: return (q, v, p)
        case 2: return (p, v, t)
        case 3: return (p, q, v)
        case 4: return (t, p, v)
        default: return (v, p, q)
        }
    }
}
