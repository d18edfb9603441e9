import Foundation
import Testing
@testable import Harness

/// Renders `record` and parses the page back with libxml2's HTML parser (as a browser would read it).
func renderedPage(_ record: RunRecord) throws -> (html: String, root: Markup) {
    let html = try HTMLReport.html(for: record)
    let root = try #require(LibXML.parseHTML(html), "the report did not parse as HTML")
    return (html, root)
}

/// The `<section id=...>` of a parsed page.
func section(_ root: Markup, _ id: String) throws -> Markup {
    try #require(root.elements(named: "section").first { $0.attribute("id") == id }, "no section \(id)")
}

@Suite struct HTMLReportTests {
    @Test func isAnHTML5DocumentWithCharsetAndTitle() throws {
        let (html, root) = try renderedPage(ReportFixtures.everyVerdict())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(root.elements(named: "meta").contains { $0.attribute("charset")?.lowercased() == "utf-8" })
        #expect(root.elements(named: "title").first?.textContent == "align-uniform · reduced · 20240501-120000-a1b2 — replicate")
    }

    @Test func sectionsComeInTheSpecifiedOrder() throws {
        let (_, root) = try renderedPage(ReportFixtures.everyVerdict())
        let ids = root.elements(named: "section").compactMap { $0.attribute("id") }
        #expect(ids == ["verdicts", "charts", "curves", "checklist", "cost", "environment", "provenance", "spec"])
        let body = try #require(root.elements(named: "main").first)
        #expect(body.children.compactMap(\.name).first == "header")
    }

    @Test func isSelfContained() throws {
        let (html, root) = try renderedPage(ReportFixtures.everyVerdict())
        let elements = root.allElements
        #expect(!elements.contains { ["script", "link", "img", "iframe", "object"].contains($0.name ?? "") })
        #expect(!elements.contains { $0.attribute("src") != nil })
        // The only URLs are plain links to the paper and code.
        let hrefs = elements.compactMap { $0.attribute("href") }
        #expect(hrefs.sorted() == ["https://arxiv.org/abs/2005.10242", "https://github.com/SsnL/align_uniform/tree/e256d47"])
        #expect(!html.contains("url("))
        #expect(root.elements(named: "style").count == 1)
        #expect(root.elements(named: "svg").count >= 2)
    }

    @Test func hostileStringsAreEscapedAndRoundTripAsText() throws {
        let record = ReportFixtures.hostileRecord()
        let (html, root) = try renderedPage(record)
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(html.range(of: "<img", options: .caseInsensitive) == nil)
        #expect(html.range(of: "<svg onload", options: .caseInsensitive) == nil)
        // No element the hostile text could have created, no event-handler attribute anywhere.
        let elements = root.allElements
        #expect(!elements.contains { ["script", "img"].contains($0.name ?? "") })
        #expect(!elements.contains { $0.attributes.contains { $0.name.lowercased().hasPrefix("on") } })
        #expect(!elements.contains { ($0.attribute("href") ?? "").lowercased().hasPrefix("javascript") })
        // The text comes back exactly.
        #expect(root.elements(named: "h1").first?.textContent == record.title)
        #expect(try section(root, "spec").elements(named: "pre").first?.textContent == record.specYAML)
        let text = root.textContent
        for s in ReportFixtures.hostile { #expect(text.contains(s), "lost: \(s)") }
        let statements = try section(root, "verdicts").elements(named: "div").filter { $0.attribute("class") == "statement" }
        #expect(statements.map(\.textContent) == record.claims.map(\.statement))
        let ids = root.elements(named: "tr").compactMap { $0.attribute("id") }
        #expect(ids.contains("claim-\(record.claims[0].id)"))
    }

    @Test func attributeValuesWithBothQuoteKindsSurvive() throws {
        var record = ReportFixtures.everyVerdict()
        record.claims[0].id = "a\"b'c<d>&amp;"
        let (_, root) = try renderedPage(record)
        #expect(root.elements(named: "tr").contains { $0.attribute("id") == "claim-a\"b'c<d>&amp;" })
    }

    @Test func nonASCIITextRoundTrips() throws {
        var record = ReportFixtures.everyVerdict()
        record.title = "Étude ± σ — 対照学習"
        let (_, root) = try renderedPage(record)
        #expect(root.elements(named: "h1").first?.textContent == record.title)
    }

    @Test func anEmptyRunStillRenders() throws {
        var record = ReportFixtures.everyVerdict()
        record.claims = []; record.trials = []; record.checklist = []; record.environment = [:]
        let (_, root) = try renderedPage(record)
        #expect(root.elements(named: "svg").isEmpty)
        #expect(try section(root, "verdicts").textContent.contains("This run checked no claims."))
        #expect(try section(root, "curves").textContent.contains("No trial recorded a loss curve."))
        #expect(try section(root, "checklist").textContent.contains("no reproducibility checklist"))
    }
}
