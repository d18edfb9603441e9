import Foundation
import Testing
@testable import Harness

@Suite struct ReportFormatTests {
    @Test(arguments: [
        (0.81234, "0.8123"), (81.2345, "81.23"), (84.0, "84"), (-0.0123, "-0.0123"), (0.0, "0"),
        (12345.6, "12346"), (1.5e-6, "1.500e-06"), (Double.nan, "NaN"), (Double.infinity, "inf"),
    ])
    func numbers(x: Double, text: String) {
        #expect(ReportFormat.number(x) == text)
    }

    @Test func expectedTextDependsOnTheClaimKind() {
        #expect(ReportFormat.expected(ReportFixtures.claim("a", .reproduced, expected: 84.43, tolerance: 1)) == "84.43 ± 1")
        #expect(ReportFormat.expected(ReportFixtures.claim("r", .reproduced, kind: .relative, expected: 0, tolerance: 0.3)) == "bound 0, margin 0.3")
        #expect(ReportFormat.expected(ReportFixtures.claim("s", .reproduced, kind: .sanity, expected: nil, tolerance: nil)) == "n/a")
    }

    @Test func numbersLineHasEveryFigure() {
        let c = ReportFixtures.claim("a", .notReproduced, expected: 83.89, values: [81.8, 82.1, 82.4])
        #expect(ReportFormat.numbers(c) == "expected probe.top1 83.89 ± 1, obtained mean 82.1, std 0.3, CI [81.35, 82.85], per-seed [81.8, 82.1, 82.4]")
    }

    @Test(arguments: [(4.25, "4.2 s"), (42, "42 s"), (200, "3 min 20 s"), (16512.4, "4 h 35 min"), (-1, "n/a")])
    func durations(seconds: Double, text: String) {
        #expect(ReportFormat.duration(seconds) == text)
    }

    @Test func junitSecondsAreDecimalsWithoutExponent() {
        #expect(ReportFormat.seconds(1e-7) == "0.000")
        #expect(ReportFormat.seconds(.nan) == "0.000")
        #expect(ReportFormat.seconds(12.3456) == "12.346")
    }

    @Test func timestampsAreUTCWithoutFraction() {
        #expect(ReportFormat.timestamp(ReportFixtures.started) == "2024-05-01T12:00:00Z")
        #expect(ReportFormat.date(ReportFixtures.started) == "2024-05-01 12:00 UTC")
    }

    @Test(arguments: [
        ("https://github.com/SsnL/align_uniform", true), ("http://example.org/x", true), ("javascript:alert(1)", false),
        ("JaVaScRiPt:alert(1)", false), ("data:text/html,x", false), ("//evil.example", false), ("file:///etc/passwd", false),
    ])
    func onlyHTTPLinksAreLinked(url: String, linked: Bool) {
        #expect((ReportFormat.safeLink(url) != nil) == linked)
    }

    @Test func arxivLinksNeedARealIdentifier() {
        #expect(ReportFormat.arxivLink("2005.10242") == "https://arxiv.org/abs/2005.10242")
        #expect(ReportFormat.arxivLink("2010.02037v2") == "https://arxiv.org/abs/2010.02037v2")
        #expect(ReportFormat.arxivLink("\"><script>") == nil)
    }
}
