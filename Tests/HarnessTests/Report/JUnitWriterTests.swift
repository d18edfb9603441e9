import Foundation
import Testing
@testable import Harness

@Suite struct JUnitWriterTests {
    /// The schema compiled into the binary, the one the writer checks its output against.
    func schema() throws -> String { JUnitSchema.text }

    func testcases(_ root: Markup) -> [Markup] { root.elements(named: "testcase") }

    @Test func everyVerdictKindValidatesAgainstTheSchema() throws {
        let xml = try JUnitWriter.xml(for: ReportFixtures.everyVerdict())
        let problems = JUnitValidator.validate(xml: xml, xsd: try schema())
        #expect(problems == [], "\(problems)\n\(xml)")
    }

    @Test func hostileTextStillValidatesAndRoundTrips() throws {
        var record = ReportFixtures.hostileRecord()
        record.claims[0].id = ReportFixtures.hostile[1]
        record.claims[1].message = "ansi \u{1B}[31mred\u{1B}[0m and NUL \u{0} here"
        let xml = try JUnitWriter.xml(for: record)
        #expect(JUnitValidator.validate(xml: xml, xsd: try schema()) == [])
        let root = try LibXML.parseXML(xml)
        let names = testcases(root).compactMap { $0.attribute("name") }
        #expect(names.contains(ReportFixtures.hostile[1]))
        let failure = try #require(root.elements(named: "failure").first)
        #expect(failure.attribute("message")?.contains("ansi \u{FFFD}[31mred") == true)
        #expect(failure.attribute("message")?.contains("NUL \u{FFFD} here") == true)
        let props = root.elements(named: "property")
        #expect(props.contains { $0.attribute("name") == "env.\(ReportFixtures.hostile[1])" && $0.attribute("value") == ReportFixtures.hostile[0] })
    }

    @Test(arguments: [
        (Verdict.reproduced, nil as String?), (.notReproduced, "failure"), (.regressed, "failure"),
        (.error, "error"), (.notRun, "skipped"), (.inconclusive, "skipped"),
    ])
    func verdictMapsToOutcomeElement(verdict: Verdict, element: String?) throws {
        var record = ReportFixtures.everyVerdict()
        record.claims = [ReportFixtures.claim("c1", verdict, message: "why \(verdict.rawValue)")]
        let root = try LibXML.parseXML(try JUnitWriter.xml(for: record))
        let tc = try #require(testcases(root).first)
        let outcomes = tc.children.compactMap(\.name).filter { ["failure", "error", "skipped"].contains($0) }
        #expect(outcomes == (element.map { [$0] } ?? []))
        if verdict == .inconclusive {
            #expect(tc.elements(named: "skipped").first?.attribute("message")?.hasPrefix("inconclusive: ") == true)
        }
        if verdict == .notRun {
            #expect(tc.elements(named: "skipped").first?.attribute("message") == "why not run")
        }
    }

    @Test func failureCarriesTheNumbersInMessageAndText() throws {
        let root = try LibXML.parseXML(try JUnitWriter.xml(for: ReportFixtures.everyVerdict()))
        let tc = try #require(testcases(root).first { $0.attribute("name") == "stl10.contrastive.fc7-linear" })
        let failure = try #require(tc.elements(named: "failure").first)
        let message = try #require(failure.attribute("message"))
        for piece in ["83.89 ± 1", "mean 82.1", "CI [81.35, 82.85]", "per-seed [81.8, 82.1, 82.4]"] {
            #expect(message.contains(piece), "\(piece) missing from \(message)")
            #expect(failure.textContent.contains(piece), "\(piece) missing from the failure text")
        }
        #expect(failure.attribute("type") == "not reproduced")
        #expect(failure.textContent.contains("provenance: paper Table 1, row 'Best L_contrastive only'"))
    }

    @Test func suiteCountsEqualTheTestcases() throws {
        let record = ReportFixtures.everyVerdict()
        let root = try LibXML.parseXML(try JUnitWriter.xml(for: record))
        let suite = try #require(root.elements(named: "testsuite").first)
        let cases = testcases(suite)
        #expect(suite.attribute("name") == "align-uniform.reduced")
        #expect(suite.attribute("tests") == String(cases.count))
        #expect(cases.count == record.claims.count)
        for kind in ["failure", "error", "skipped"] {
            let n = cases.filter { !$0.elements(named: kind).isEmpty }.count
            #expect(suite.attribute(kind == "failure" ? "failures" : kind == "error" ? "errors" : "skipped") == String(n))
        }
        #expect(suite.attribute("failures") == "2" && suite.attribute("errors") == "1" && suite.attribute("skipped") == "2")
        #expect(Set(cases.compactMap { $0.attribute("classname") }) == ["align-uniform.reduced"])
        #expect(suite.attribute("timestamp") == "2024-05-01T12:00:00Z")
    }

    @Test func testcaseTimesShareTheRunWallTime() throws {
        let record = ReportFixtures.everyVerdict()
        let root = try LibXML.parseXML(try JUnitWriter.xml(for: record))
        let times = testcases(root).map { Double($0.attribute("time") ?? "") ?? -1 }
        #expect(abs(times.reduce(0, +) - record.wallSeconds) < 0.01)
        let notRun = testcases(root).first { $0.attribute("name") == "stl10.mix.output-5nn" }
        #expect(notRun?.attribute("time") == "0.000")
    }

    @Test func environmentBecomesSuiteProperties() throws {
        let record = ReportFixtures.everyVerdict()
        let root = try LibXML.parseXML(try JUnitWriter.xml(for: record))
        let props = Dictionary(uniqueKeysWithValues: root.elements(named: "property").map { ($0.attribute("name")!, $0.attribute("value")!) })
        for (k, v) in record.environment { #expect(props["env.\(k)"] == v) }
        #expect(props["run.id"] == record.runId)
        #expect(props["scale"] == "reduced")
    }

    @Test func duplicateClaimIdsAreMadeUnique() throws {
        var record = ReportFixtures.everyVerdict()
        record.claims = [ReportFixtures.claim("dup", .reproduced), ReportFixtures.claim("dup", .notReproduced)]
        let xml = try JUnitWriter.xml(for: record)
        #expect(JUnitValidator.validate(xml: xml, xsd: try schema()) == [])
        #expect(testcases(try LibXML.parseXML(xml)).compactMap { $0.attribute("name") } == ["dup", "dup#2"])
    }

    @Test func mergeWritesOneSuitePerPaperAndScale() throws {
        let a = ReportFixtures.everyVerdict(scale: "smoke")
        var b = ReportFixtures.everyVerdict(scale: "reduced")
        b.paper = "cacr"
        var olderA = a
        olderA.startedAt = a.startedAt.addingTimeInterval(-3600)
        olderA.claims = [ReportFixtures.claim("only-in-old", .reproduced)]
        let xml = try JUnitWriter.merge(records: [olderA, b, a])
        #expect(JUnitValidator.validate(xml: xml, xsd: try schema()) == [])
        let root = try LibXML.parseXML(xml)
        #expect(root.elements(named: "testsuite").compactMap { $0.attribute("name") } == ["align-uniform.smoke", "cacr.reduced"])
        #expect(!xml.contains("only-in-old"))
        #expect(root.attribute("tests") == String(a.claims.count + b.claims.count))
        #expect(root.attribute("failures") == "4")
    }

    @Test func mergeOfNothingIsAValidEmptyDocument() throws {
        let xml = try JUnitWriter.merge(records: [])
        #expect(JUnitValidator.validate(xml: xml, xsd: try schema()) == [])
        #expect(try LibXML.parseXML(xml).attribute("tests") == "0")
    }
}
