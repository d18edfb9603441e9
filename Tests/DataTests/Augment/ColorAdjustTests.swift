import Testing
@testable import Data

/// Runs `body` on a `(C, 1, n)` image made of `pixels` (one tuple per pixel) and returns the pixels after.
func adjusted(_ pixels: [[Float]], _ body: (ImagePlanes) -> Void) -> [[Float]] {
    let c = pixels[0].count, n = pixels.count
    var planes = [Float](repeating: 0, count: c * n)
    for (p, px) in pixels.enumerated() { for ch in 0..<c { planes[ch * n + p] = px[ch] } }
    planes.withUnsafeMutableBufferPointer { body(ImagePlanes(data: $0.baseAddress!, channels: c, height: 1, width: n)) }
    return (0..<n).map { p in (0..<c).map { planes[$0 * n + p] } }
}

func close(_ a: [[Float]], _ b: [[Float]], _ tol: Float = 1e-5) -> Bool {
    zip(a, b).allSatisfy { zip($0, $1).allSatisfy { abs($0 - $1) <= tol } }
}

@Suite struct ColorAdjustTests {
    @Test func grayscaleOfPureColoursIsTheirLumaWeight() {
        let out = adjusted([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]]) { ColorAdjust.grayscale($0) }
        #expect(close(out, [[0.299, 0.299, 0.299], [0.587, 0.587, 0.587], [0.114, 0.114, 0.114], [1, 1, 1]]))
    }

    /// Red rotated by a third of a turn is green, by two thirds blue, by half cyan.
    static let hueCases: [(Float, [Float])] = [(1.0 / 3, [0, 1, 0]), (2.0 / 3, [0, 0, 1]), (-1.0 / 3, [0, 0, 1]), (0.5, [0, 1, 1])]

    @Test(arguments: hueCases)
    func hueShiftOfRed(shift: Float, expected: [Float]) {
        let out = adjusted([[1, 0, 0]]) { ColorAdjust.hue($0, shift: shift) }
        #expect(close(out, [expected]))
    }

    @Test func hsvRoundTrips() {
        for rgb in [[0.2, 0.5, 0.9], [0.9, 0.1, 0.4], [0.3, 0.3, 0.3], [0, 0, 0], [0.6, 0.8, 0.1]] as [[Float]] {
            let (h, s, v) = ColorAdjust.rgbToHSV(rgb[0], rgb[1], rgb[2])
            let (r, g, b) = ColorAdjust.hsvToRGB(h, s, v)
            #expect(close([[r, g, b]], [rgb]))
        }
        let (h, s, v) = ColorAdjust.rgbToHSV(0, 0.5, 1)  // azure: hue 210°
        #expect(abs(h - 210.0 / 360) < 1e-6 && s == 1 && v == 1)
    }

    @Test func brightnessScalesAndClamps() {
        #expect(close(adjusted([[0.8, 0.4, 0.2]]) { ColorAdjust.brightness($0, factor: 0.5) }, [[0.4, 0.2, 0.1]]))
        #expect(close(adjusted([[0.8, 0.4, 0.2]]) { ColorAdjust.brightness($0, factor: 2) }, [[1, 0.8, 0.4]]))
    }

    @Test func contrastZeroGivesTheMeanLuma() {
        let pixels: [[Float]] = [[1, 0, 0], [0, 0, 1]]
        let m: Float = (0.299 + 0.114) / 2
        #expect(close(adjusted(pixels) { ColorAdjust.contrast($0, factor: 0) }, [[m, m, m], [m, m, m]]))
        // Factor 1 changes nothing; on one channel the mean is the plain mean.
        #expect(close(adjusted(pixels) { ColorAdjust.contrast($0, factor: 1) }, pixels))
        #expect(close(adjusted([[0.2], [0.6]]) { ColorAdjust.contrast($0, factor: 0.5) }, [[0.3], [0.5]]))
    }

    @Test func saturationZeroIsGrayscaleAndOneChannelIsUntouched() {
        let pixels: [[Float]] = [[0.9, 0.2, 0.4]]
        let l: Float = 0.299 * 0.9 + 0.587 * 0.2 + 0.114 * 0.4
        #expect(close(adjusted(pixels) { ColorAdjust.saturation($0, factor: 0) }, [[l, l, l]]))
        #expect(adjusted([[0.3]]) { ColorAdjust.saturation($0, factor: 0) } == [[0.3]])
        #expect(adjusted([[0.3]]) { ColorAdjust.hue($0, shift: 0.4) } == [[0.3]])
    }
}
