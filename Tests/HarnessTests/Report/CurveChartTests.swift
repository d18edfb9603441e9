import Foundation
import Testing
@testable import Harness

@Suite struct CurveChartTests {
    let trials = ReportFixtures.trials()
    var methods: [String] { ["contrastive", "align-uniform", "mix"] }

    @Test func noCurvesMeansNoChart() {
        let bare = trials.map { t -> TrialResult in var c = t; c.curves = [:]; return c }
        #expect(CurveChart.chart(trials: bare, methods: methods, title: "t") == nil)
        #expect(CurveChart.chart(trials: trials, curve: "accuracy", methods: methods, title: "t") == nil)
    }

    @Test func onePolylinePerTrialColouredByMethod() throws {
        let svg = try #require(CurveChart.chart(trials: trials, methods: methods, title: "loss"))
        let groups = svg.elements(named: "g").filter { $0.attribute("class") == "trial" }
        #expect(groups.count == trials.count)
        for (g, t) in zip(groups, trials) {
            let lines = g.elements(named: "polyline")
            #expect(!lines.isEmpty)
            #expect(lines.allSatisfy { $0.attribute("stroke") == CurveChart.colour(of: t.method, in: methods) })
            let finite = t.curves["loss"]!.filter(\.isFinite).count
            let points = lines.map { $0.attribute("points")!.split(separator: " ").count }.reduce(0, +)
            #expect(points == finite)
        }
        #expect(Set(methods.map { CurveChart.colour(of: $0, in: methods) }).count == 3)
    }

    @Test func lossFallsLeftToRightOnScreen() throws {
        // y grows downward in SVG: a falling loss must give increasing y coordinates.
        let svg = try #require(CurveChart.chart(trials: [trials[0]], methods: methods, title: "loss"))
        let pts = svg.elements(named: "polyline")[0].attribute("points")!.split(separator: " ").map {
            $0.split(separator: ",").map { Double($0)! }
        }
        #expect(pts.first![0] < pts.last![0])
        #expect(pts.first![1] < pts.last![1])
    }

    @Test func recordedEndStepsPlaceThePointsAndLabelTheAxis() throws {
        var t = trials[0]
        t.curves["loss"] = [3, 2, 1]
        t.curves["loss.step"] = [10, 20, 100]
        let svg = try #require(CurveChart.chart(trials: [t], methods: methods, title: "loss"))
        let xs = svg.elements(named: "polyline")[0].attribute("points")!.split(separator: " ").map {
            Double($0.split(separator: ",")[0])!
        }
        // Steps 10, 20, 100 on a 1…100 axis: the second gap is eight times the first.
        #expect(abs((xs[2] - xs[1]) / (xs[1] - xs[0]) - 8) < 1e-2)  // coordinates are rounded in the SVG
        #expect(svg.elements(named: "text").contains { $0.textContent == "step" })
        let byEpoch = try #require(CurveChart.chart(trials: [trials[0]], methods: methods, title: "loss"))
        #expect(byEpoch.elements(named: "text").contains { $0.textContent == "epoch" })
    }

    @Test func aDivergedTrialIsDashedWithACrossAndBreaksAtNaN() throws {
        var t = trials[0]
        t.curves["loss"] = [3, 2.5, .nan, 2.0, 1.8, .nan]
        t.error = "diverged"
        let svg = try #require(CurveChart.chart(trials: [t], methods: methods, title: "loss"))
        let lines = svg.elements(named: "polyline")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.attribute("stroke-dasharray") == "5 3" })
        #expect(svg.elements(named: "g").first { $0.attribute("class") == "trial" }?.elements(named: "path").count == 1)
        #expect(svg.textContent.contains("trial error"))
    }

    @Test func legendListsEachMethodOnceAndAxesHaveTicks() throws {
        let svg = try #require(CurveChart.chart(trials: trials, methods: methods, title: "loss"))
        let legend = try #require(svg.elements(named: "g").first { $0.attribute("class") == "legend" })
        let names = legend.elements(named: "text").compactMap { $0.children.first?.textContent }
        #expect(names == methods + ["trial error"])
        let tickLabels = svg.elements(named: "text").map(\.textContent)
        #expect(tickLabels.contains("10") && tickLabels.contains("20"))
        #expect(tickLabels.contains("epoch") && tickLabels.contains("loss"))
    }

    @Test func longMethodNamesAreCutInTheLegendButKeptInTheTooltip() throws {
        var t = trials[0]
        t.method = "a-very-long-method-name-indeed"
        let svg = try #require(CurveChart.chart(trials: [t], methods: [t.method], title: "loss"))
        let label = try #require(svg.elements(named: "g").first { $0.attribute("class") == "legend" }?.elements(named: "text").first)
        #expect(label.children.first?.textContent == "a-very-long-method-…")
        #expect(label.elements(named: "title").first?.textContent == t.method)
    }
}
