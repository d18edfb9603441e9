import Contrastive
import Engine
import Foundation
import Testing

struct AlignUniformMetricsTests {
    @Test("identical views are perfectly aligned; antipodal ones give the maximum 2^α", arguments: [Float(1), 2, 3])
    func alignmentBounds(alpha: Float) {
        let (x, _) = randomViews(n: 5, d: 3, seed: 31)
        #expect(AlignUniform.alignment(x: x, y: x, alpha: alpha) < 1e-6)
        let opposite = Tensor(x.array.map { -$0 }, shape: x.shape)
        #expect(abs(AlignUniform.alignment(x: x, y: opposite, alpha: alpha) - Double(Foundation.pow(2, alpha))) < 1e-4)
    }

    @Test("uniformity is 0 for a collapsed set, lower for spread points, never below -4t", arguments: [Float(1), 2, 3])
    func uniformityBounds(t: Float) {
        let collapsed = Tensor((0..<8).flatMap { _ in [Float(0.6), 0.8] }, shape: [8, 2])
        #expect(abs(AlignUniform.uniformity(x: collapsed, t: t)) < 1e-6)
        // Evenly spaced on the circle: the most uniform 8 points in 2-D.
        let circle = Tensor((0..<8).flatMap { k -> [Float] in
            let a = Float(k) * 2 * .pi / 8; return [cos(a), sin(a)]
        }, shape: [8, 2])
        let (random, _) = randomViews(n: 8, d: 2, seed: 32)
        let spread = AlignUniform.uniformity(x: circle, t: t)
        #expect(spread < AlignUniform.uniformity(x: random, t: t))
        #expect(spread >= Double(-4 * t))
    }

    @Test("array and tensor forms agree; normalize: false uses the rows as given")
    func arrayForms() {
        let (x, y) = randomViews(n: 6, d: 4, seed: 33)
        #expect(AlignUniform.alignment(x: x.array, y: y.array, dimension: 4) == AlignUniform.alignment(x: x, y: y))
        #expect(AlignUniform.uniformity(x: x.array, dimension: 4) == AlignUniform.uniformity(x: x))
        let doubled = Tensor(x.array.map { $0 * 2 }, shape: x.shape)
        #expect(AlignUniform.alignment(x: doubled, y: x, normalize: false) > 0.1)
        #expect(AlignUniform.alignment(x: doubled, y: x) < 1e-6)
    }
}
