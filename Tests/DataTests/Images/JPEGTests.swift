import Foundation
import Testing
@testable import Data

/// A smooth RGB test picture (gradients survive JPEG almost unchanged).
func gradientImage(height: Int, width: Int, seed: Int = 0) -> PlanarImage {
    var pixels = [UInt8](repeating: 0, count: 3 * height * width)
    for y in 0..<height { for x in 0..<width {
        pixels[y * width + x] = UInt8((x * 255) / max(width - 1, 1))
        pixels[height * width + y * width + x] = UInt8((y * 255) / max(height - 1, 1))
        pixels[2 * height * width + y * width + x] = UInt8((seed * 40 + (x + y) * 2) % 256)
    } }
    return PlanarImage(channels: 3, height: height, width: width, pixels: pixels)
}

func meanAbsDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
    Double(zip(a, b).map { abs(Int($0) - Int($1)) }.reduce(0, +)) / Double(max(a.count, 1))
}

@Suite struct JPEGTests {
    @Test func encodeThenDecodeKeepsTheSizeAndTheColours() throws {
        let image = gradientImage(height: 24, width: 40)
        let bytes = try JPEG.encode(image, quality: 95)
        #expect(bytes.prefix(2) == [0xFF, 0xD8] && bytes.suffix(2) == [0xFF, 0xD9])
        let back = try JPEG.decode(bytes, path: "mem.jpg")
        #expect(back.channels == 3 && back.height == 24 && back.width == 40)
        #expect(meanAbsDifference(back.pixels, image.pixels) < 3)
    }

    @Test func grayscaleJPEGDecodesToThreeEqualPlanes() throws {
        let gray = PlanarImage(channels: 1, height: 16, width: 16, pixels: (0..<256).map { UInt8($0) })
        let back = try JPEG.decode(JPEG.encode(gray), path: "gray.jpg")
        #expect(back.channels == 3)
        let plane = 256
        #expect(Array(back.pixels[0..<plane]) == Array(back.pixels[plane..<2 * plane]))
        #expect(Array(back.pixels[0..<plane]) == Array(back.pixels[2 * plane..<3 * plane]))
        #expect(meanAbsDifference(Array(back.pixels[0..<plane]), gray.pixels) < 3)
    }

    @Test func dctDownscaleKeepsTheShorterSideAtLeastTheMinimum() throws {
        let bytes = try JPEG.encode(gradientImage(height: 48, width: 64))
        let quarter = try JPEG.decode(bytes, path: "a.jpg", minimumShorterSide: 12)
        #expect(quarter.height == 12 && quarter.width == 16)
        let half = try JPEG.decode(bytes, path: "a.jpg", minimumShorterSide: 13)
        #expect(half.height == 24 && half.width == 32)
        let full = try JPEG.decode(bytes, path: "a.jpg", minimumShorterSide: 40)
        #expect(full.height == 48 && full.width == 64)
    }

    @Test func truncatedOrForeignFilesAreCorruptNamingThePath() throws {
        let bytes = try JPEG.encode(gradientImage(height: 32, width: 32))
        let truncated = #expect(throws: DataError.self) { try JPEG.decode(Array(bytes.prefix(20)), path: "/d/cut.JPEG") }
        #expect(truncated?.description.contains("/d/cut.JPEG") == true)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let foreign = #expect(throws: DataError.self) { try JPEG.decode(png, path: "/d/png.JPEG") }
        #expect(foreign?.description.contains("89 50 4E 47") == true)
    }

    @Test func badEncoderArgumentsThrow() {
        #expect(throws: DataError.self) {
            try JPEG.encode(PlanarImage(channels: 2, height: 2, width: 2, pixels: [UInt8](repeating: 0, count: 8)))
        }
        #expect(throws: DataError.self) { try JPEG.encode(gradientImage(height: 4, width: 4), quality: 0) }
    }
}
