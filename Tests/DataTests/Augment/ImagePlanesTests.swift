import Testing
import Engine
@testable import Data

@Suite struct ImagePlanesTests {
    @Test func channelsAreConsecutivePlanes() {
        var buf = (0..<24).map(Float.init)
        buf.withUnsafeMutableBufferPointer { p in
            let img = ImagePlanes(data: p.baseAddress!, channels: 2, height: 3, width: 4)
            #expect(img.plane == 12)
            #expect(img.channel(1)[0] == 12 && img.channel(0)[11] == 11)
        }
    }

    @Test func factorRangeSamplesInsideItsBounds() {
        var rng = RNG(seed: 3)
        let r = FactorRange(0.6, 1.4)
        let draws = (0..<1000).map { _ in r.sample(&rng) }
        #expect(draws.allSatisfy { $0 >= 0.6 && $0 < 1.4 })
        #expect(draws.min()! < 0.7 && draws.max()! > 1.3)
    }
}
