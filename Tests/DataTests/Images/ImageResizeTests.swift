import Foundation
import Testing
@testable import Data

@Suite struct ImageResizeTests {
    struct Case: Decodable {
        var kind: String
        var height: Int, width: Int
        var out_height: Int?, out_width: Int?, shorter: Int?, crop: Int?
        var pixels: [UInt8], expected: [UInt8]
    }

    static func cases() throws -> [Case] {
        let url = try #require(Bundle.module.url(forResource: "resize_reference", withExtension: "json", subdirectory: "Fixtures"))
        struct File: Decodable { var cases: [Case] }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    /// PIL's antialiased bilinear resize and torchvision's Resize + CenterCrop (scripts/resize_reference.py).
    @Test func agreesWithPILWithinOneLevel() throws {
        let all = try Self.cases()
        #expect(all.count == 8)
        for c in all {
            let image = PlanarImage(channels: 3, height: c.height, width: c.width, pixels: c.pixels)
            let out = c.kind == "resize"
                ? ImageResize.resize(image, height: c.out_height!, width: c.out_width!)
                : ImageResize.shorterSideThenCenterCrop(image, shorterSide: c.shorter!, crop: c.crop!)
            #expect(out.pixels.count == c.expected.count, "\(c.kind) \(c.height)x\(c.width)")
            let worst = zip(out.pixels, c.expected).map { abs(Int($0) - Int($1)) }.max() ?? 99
            #expect(worst <= 1, "\(c.kind) \(c.height)x\(c.width): largest difference \(worst)")
        }
    }

    @Test func aConstantImageStaysConstantAtAnySize() {
        let image = PlanarImage(channels: 3, height: 37, width: 23, pixels: [UInt8](repeating: 201, count: 3 * 37 * 23))
        for (h, w) in [(5, 9), (37, 23), (80, 50)] {
            #expect(ImageResize.resize(image, height: h, width: w).pixels.allSatisfy { $0 == 201 })
        }
    }

    @Test func cropWindowIsThatPartOfTheFullResize() {
        let image = PlanarImage(channels: 3, height: 30, width: 40, pixels: testBytes(3 * 30 * 40, seed: 9))
        let full = ImageResize.resize(image, height: 15, width: 20)
        let part = ImageResize.resize(image, height: 15, width: 20, crop: CropBox(top: 3, left: 5, height: 8, width: 10))
        for c in 0..<3 { for y in 0..<8 { for x in 0..<10 {
            #expect(part.pixels[c * 80 + y * 10 + x] == full.pixels[c * 300 + (y + 3) * 20 + x + 5])
        } } }
    }

    /// Python's round(d / 2) rounds halves to even: 1 → 0, 3 → 2, 5 → 2, 7 → 4.
    @Test(arguments: [(0, 0), (1, 0), (2, 1), (3, 2), (5, 2), (7, 4), (9, 4), (10, 5)])
    func centreOffsetRoundsHalfToEven(d: Int, offset: Int) {
        #expect(ImageResize.centreOffset(d) == offset)
    }
}
