import Foundation
import Testing
@testable import Harness

@Suite struct SVGChartTests {
    func num(_ m: Markup, _ name: String) -> Double { Double(m.attribute(name) ?? "") ?? .nan }

    @Test func noExpectedValueMeansNoChart() {
        #expect(SVGChart.claim(ReportFixtures.claim("x", .reproduced, expected: nil)) == nil)
        #expect(SVGChart.claim(ReportFixtures.claim("x", .reproduced, expected: .nan)) == nil)
    }

    @Test func absoluteClaimDrawsTheBandAroundTheExpectedValue() throws {
        let claim = ReportFixtures.claim("c", .reproduced, expected: 84.43, tolerance: 1.0, values: [83.9, 84.6, 84.1])
        let svg = try #require(SVGChart.claim(claim))
        let band = try #require(svg.elements(named: "rect").first { $0.attribute("class") == "band" })
        let expectedLine = try #require(svg.elements(named: "g").first { $0.attribute("class") == "reference" }?.elements(named: "line").first)
        let ex = num(expectedLine, "x1")
        // The expected value sits in the middle of the band.
        #expect(abs(num(band, "x") + num(band, "width") / 2 - ex) < 0.02)
        #expect(band.textContent == "accepted band 83.43 to 85.43")
        // One marker per seed, placed in value order.
        let seeds = svg.elements(named: "circle").filter { $0.attribute("class") == "seed" }
        #expect(seeds.count == 3)
        let xs = seeds.map { num($0, "cx") }
        #expect(xs[0] < xs[2] && xs[2] < xs[1])
        // The interval line spans the mean.
        let interval = try #require(svg.elements(named: "g").first { $0.attribute("class") == "interval" })
        let main = try #require(interval.elements(named: "line").first)
        let mean = try #require(svg.elements(named: "path").first { $0.attribute("class") == "mean" })
        let meanX = Double(mean.attribute("d")!.dropFirst().split(separator: " ")[0])!
        #expect(num(main, "x1") < meanX && meanX < num(main, "x2"))
        #expect(interval.attribute("stroke") == Verdict.reproduced.colour)
        // Everything lies inside the view box.
        for x in xs + [ex, num(main, "x1"), num(main, "x2")] { #expect(x >= 0 && x <= SVGChart.width) }
    }

    @Test func relativeClaimDrawsBoundAndMarginLinesWithoutABand() throws {
        let claim = ReportFixtures.claim("r", .inconclusive, kind: .relative, expected: 0, tolerance: 0.3, values: [0.4, -0.2, 0.9])
        let svg = try #require(SVGChart.claim(claim))
        #expect(svg.elements(named: "rect").isEmpty)
        let refs = svg.elements(named: "g").filter { $0.attribute("class") == "reference" }
        #expect(refs.map { $0.elements(named: "text").first?.textContent } == ["bound", "bound + margin"])
        let anchors = refs.compactMap { $0.elements(named: "text").first?.attribute("text-anchor") }
        #expect(anchors == ["end", "start"])
    }

    @Test func nonFiniteValuesAreSkippedNotPlotted() throws {
        let claim = ReportFixtures.claim("n", .error, expected: 1, tolerance: 0.1, values: [0.9, .nan, .infinity])
        let svg = try #require(SVGChart.claim(claim))
        #expect(svg.elements(named: "circle").count == 1)
        #expect(!svg.allElements.flatMap(\.attributes).contains { $0.value.contains("nan") || $0.value.contains("inf") })
    }

    @Test func axisTicksAreLabelledWithRoundValues() throws {
        let svg = try #require(SVGChart.claim(ReportFixtures.claim("c", .reproduced)))
        let labels = svg.elements(named: "text").map(\.textContent).filter { Double($0) != nil }
        #expect(labels.count >= 3)
        #expect(labels.contains("84"))
    }
}
