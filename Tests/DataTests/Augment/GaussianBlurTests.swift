import Foundation
import Testing
import Engine
@testable import Data

@Suite struct GaussianBlurTests {
    @Test func kernelIsNormalisedGaussian() {
        let k = GaussianBlur.kernel(size: 5, sigma: 1)
        #expect(abs(k.reduce(0, +) - 1) < 1e-6)
        let raw = [-2, -1, 0, 1, 2].map { exp(-0.5 * Float($0 * $0)) }
        let s = raw.reduce(0, +)
        for (a, b) in zip(k, raw) { #expect(abs(a - b / s) < 1e-6) }
    }

    @Test func impulseSpreadsAsTheOuterProduct() {
        let side = 9, k = GaussianBlur.kernel(size: 3, sigma: 0.8)
        var img = [Float](repeating: 0, count: side * side)
        img[4 * side + 4] = 1
        var work = [Float](repeating: 0, count: side * side)
        img.withUnsafeMutableBufferPointer { buf in
            GaussianBlur.apply(ImagePlanes(data: buf.baseAddress!, channels: 1, height: side, width: side),
                               kernel: k, work: &work)
        }
        for dy in -1...1 { for dx in -1...1 { #expect(abs(img[(4 + dy) * side + 4 + dx] - k[dy + 1] * k[dx + 1]) < 1e-6) } }
        #expect(abs(img.reduce(0, +) - 1) < 1e-5)
        #expect(img[2 * side + 4] == 0)
    }

    @Test func reflectPaddingAtTheBorder() {
        // Row [1, 0, 0, 0] with kernel [a, b, a]: reflect gives x[-1] = x[1] = 0, so out[0] = b, out[1] = a.
        let k: [Float] = [0.25, 0.5, 0.25]
        var img: [Float] = [1, 0, 0, 0]
        var work = [Float](repeating: 0, count: 4)
        img.withUnsafeMutableBufferPointer { buf in
            GaussianBlur.apply(ImagePlanes(data: buf.baseAddress!, channels: 1, height: 1, width: 4), kernel: k, work: &work)
        }
        #expect(img == [0.5, 0.25, 0, 0])
    }

    @Test func constantImageStaysConstant() throws {
        let blur = try GaussianBlur(kernelSize: 5, sigma: (0.1, 2), probability: 1)
        var img = [Float](repeating: 0.37, count: 3 * 6 * 6), work = img
        var rng = RNG(seed: 1)
        img.withUnsafeMutableBufferPointer { buf in
            blur.randomApply(ImagePlanes(data: buf.baseAddress!, channels: 3, height: 6, width: 6), work: &work, rng: &rng)
        }
        #expect(img.allSatisfy { abs($0 - 0.37) < 1e-6 })
    }

    @Test func simCLRKernelSizeIsTenPercentMadeOdd() {
        #expect(GaussianBlur.simCLRKernelSize(side: 96) == 9)
        #expect(GaussianBlur.simCLRKernelSize(side: 64) == 7)
        #expect(GaussianBlur.simCLRKernelSize(side: 224) == 23)
        #expect(GaussianBlur.kernelSize(fraction: 0.05, side: 64) == 3)
    }

    @Test func rejectsBadParameters() {
        #expect(throws: DataError.self) { try GaussianBlur(kernelSize: 4) }
        #expect(throws: DataError.self) { try GaussianBlur(kernelSize: 3, sigma: (0, 1)) }
    }
}
