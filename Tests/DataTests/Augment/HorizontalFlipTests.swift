import Testing
@testable import Data

@Suite struct HorizontalFlipTests {
    @Test(arguments: [(1, 3, 4), (3, 5, 5), (2, 1, 7)])
    func flipReversesRowsAndTwiceIsIdentity(shape: (Int, Int, Int)) {
        let (c, h, w) = shape
        let original = (0..<(c * h * w)).map(Float.init)
        var image = original
        image.withUnsafeMutableBufferPointer { HorizontalFlip.apply($0.baseAddress!, channels: c, height: h, width: w) }
        for r in 0..<(c * h) {
            #expect(Array(image[r * w..<(r + 1) * w]) == Array(original[r * w..<(r + 1) * w].reversed()))
        }
        image.withUnsafeMutableBufferPointer { HorizontalFlip.apply($0.baseAddress!, channels: c, height: h, width: w) }
        #expect(image == original)
    }
}
