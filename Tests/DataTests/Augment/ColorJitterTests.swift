import Testing
import Engine
@testable import Data

@Suite struct ColorJitterTests {
    @Test func strengthsBecomeTorchvisionRanges() throws {
        let j = try ColorJitter(brightness: 0.4, contrast: 1.5, saturation: 0, hue: 0.1, probability: 0.8)
        #expect(j.brightness == FactorRange(0.6, 1.4))
        #expect(j.contrast == FactorRange(0, 2.5))
        #expect(j.saturation == nil)
        #expect(j.hue == FactorRange(-0.1, 0.1))
        let s = try ColorJitter.simCLR(strength: 0.5)
        #expect(abs(s.brightness!.hi - 1.4) < 1e-12 && abs(s.hue!.hi - 0.1) < 1e-12 && s.probability == 0.8)
    }

    @Test func probabilityZeroLeavesTheImageAlone() throws {
        let j = try ColorJitter(brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.2, probability: 0)
        var rng = RNG(seed: 1)
        let pixels: [[Float]] = [[0.1, 0.5, 0.9], [0.7, 0.3, 0.2]]
        #expect(adjusted(pixels) { j.randomApply($0, rng: &rng) } == pixels)
    }

    @Test func appliedJitterChangesColoursWithinRange() throws {
        let j = try ColorJitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1)
        var rng = RNG(seed: 3)
        let pixels: [[Float]] = [[0.1, 0.5, 0.9], [0.7, 0.3, 0.2]]
        var changed = 0
        for _ in 0..<50 {
            let out = adjusted(pixels) { j.randomApply($0, rng: &rng) }
            #expect(out.allSatisfy { $0.allSatisfy { (0...1).contains($0) } })
            if out != pixels { changed += 1 }
        }
        #expect(changed == 50)
    }

    @Test func brightnessOnlyJitterScalesUniformly() throws {
        let j = try ColorJitter(brightness: 0.5, contrast: 0, saturation: 0, hue: 0)
        var rng = RNG(seed: 4)
        for _ in 0..<20 {
            let out = adjusted([[0.2, 0.4, 0.6]]) { j.randomApply($0, rng: &rng) }[0]
            let f = out[0] / 0.2
            #expect(f >= 0.5 && f <= 1.5)
            #expect(abs(out[1] - 0.4 * f) < 1e-5 && abs(out[2] - min(1, 0.6 * f)) < 1e-5)
        }
    }

    @Test func rejectsBadParameters() {
        #expect(throws: DataError.self) { try ColorJitter(brightness: -1, contrast: 0, saturation: 0, hue: 0) }
        #expect(throws: DataError.self) { try ColorJitter(brightness: 0, contrast: 0, saturation: 0, hue: 0.6) }
        #expect(throws: DataError.self) { try ColorJitter(brightness: 0, contrast: 0, saturation: 0, hue: 0, probability: 2) }
    }
}
