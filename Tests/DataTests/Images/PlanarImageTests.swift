import Testing
@testable import Data

@Suite struct PlanarImageTests {
    @Test func interleavedRoundTripAndLayout() {
        let hwc: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]  // 2x2 RGB, pixel-major
        let image = hwc.withUnsafeBufferPointer { PlanarImage(interleaved: $0.baseAddress!, channels: 3, height: 2, width: 2) }
        #expect(image.pixels == [1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12])
        #expect(image.interleaved == hwc)
    }
}
