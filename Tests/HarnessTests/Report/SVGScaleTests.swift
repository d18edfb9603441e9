import Foundation
import Testing
@testable import Harness

@Suite struct SVGScaleTests {
    @Test func mapsEndpointsAndInverts() {
        let s = SVGScale(domain: 0...10, range: 100...200)
        #expect(s(0) == 100 && s(10) == 200 && s(5) == 150)
        let y = SVGScale(domain: 0...10, range: 0...50, inverted: true)
        #expect(y(0) == 50 && y(10) == 0)
    }

    @Test func degenerateDomainIsWidened() {
        let s = SVGScale(domain: 3...3, range: 0...100)
        #expect(s(3).isFinite)
        #expect(abs(s(3) - 50) < 1e-9)
    }

    @Test(arguments: [
        (0.0, 1.0, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (81.1, 85.9, [82.0, 83.0, 84.0, 85.0]),
        (-3.2, 5.4, [-2.0, 0.0, 2.0, 4.0]),
    ])
    func ticksAreRound(lo: Double, hi: Double, expected: [Double]) {
        #expect(SVGScale(domain: lo...hi, range: 0...1).ticks(5) == expected)
    }

    @Test func extentIgnoresNonFiniteValues() {
        #expect(SVGScale.extent([.nan, .infinity]) == nil)
        let e = SVGScale.extent([1, 3, .nan], padding: 0.5)
        #expect(e == 0...4)
    }

    @Test func svgNumbersHaveNoExponentOrNegativeZero() {
        #expect(svgNumber(1e-9) == "0")
        #expect(svgNumber(-0.001) == "0")
        #expect(svgNumber(12.5) == "12.5")
        #expect(svgNumber(100) == "100")
        #expect(svgNumber(.nan) == "0")
    }
}
