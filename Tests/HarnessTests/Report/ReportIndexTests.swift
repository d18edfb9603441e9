import Foundation
import Testing
@testable import Harness

@Suite struct ReportIndexTests {
    @Test func listsEveryRunNewestFirstAndFlagsUnreadableOnes() throws {
        let scratch = try ScratchDir()
        let root = scratch.url
        let older = ReportFixtures.everyVerdict(scale: "smoke", runId: "run-old")
        var newer = ReportFixtures.everyVerdict(scale: "reduced", runId: "run new")
        newer.paper = "cacr"
        newer.startedAt = older.startedAt.addingTimeInterval(86_400)
        try ReportWriter.write(older, to: root.appendingPathComponent("align-uniform/run-old"))
        try ReportWriter.write(newer, to: root.appendingPathComponent("cacr/run new"))
        // A folder from a newer replicate, and a crashed write's leftovers.
        let future = root.appendingPathComponent("ring/run-future")
        try FileManager.default.createDirectory(at: future, withIntermediateDirectories: true)
        try Data("{\"schemaVersion\": 7}".utf8).write(to: future.appendingPathComponent("results.json"))
        let partial = root.appendingPathComponent("cacr/run-x.partial-abc")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        try older.jsonData().write(to: partial.appendingPathComponent("results.json"))

        let entries = try ReportIndex.write(reportsRoot: root)
        #expect(entries.map(\.runId) == ["run new", "run-old"])
        #expect(entries.map(\.folder) == ["cacr/run new", "align-uniform/run-old"])
        #expect(entries[0].counts == newer.verdictCounts)

        let html = try String(contentsOf: root.appendingPathComponent("index.html"), encoding: .utf8)
        let page = try #require(LibXML.parseHTML(html))
        let links = page.elements(named: "a").compactMap { $0.attribute("href") }
        #expect(links == ["cacr/run%20new/index.html", "align-uniform/run-old/index.html"])
        let unreadable = try #require(page.elements(named: "section").first { $0.attribute("id") == "unreadable" })
        #expect(unreadable.textContent.contains("ring/run-future"))
        #expect(unreadable.textContent.contains("schemaVersion 7"))
        #expect(!html.contains("run-x.partial"))
        let firstRow = try #require(page.elements(named: "tbody").first?.elements(named: "tr").first)
        #expect(firstRow.textContent.contains("cacr") && firstRow.textContent.contains("reduced") && firstRow.textContent.contains("2024-05-02"))
        #expect(firstRow.elements(named: "span").map(\.textContent).contains("2 reproduced"))
    }

    @Test func anEmptyRootGivesAnEmptyIndex() throws {
        let scratch = try ScratchDir()
        let root = scratch.url
        #expect(try ReportIndex.write(reportsRoot: root).isEmpty)
        let html = try String(contentsOf: root.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("No run folders with a results.json were found."))
    }

    @Test func aMissingRootIsAClearError() {
        let url = URL(fileURLWithPath: "/nonexistent/reports")
        #expect(throws: ReportError.io(path: "/nonexistent/reports", reason: "reports folder not found (expected a directory of run folders)")) {
            try ReportIndex.write(reportsRoot: url)
        }
    }
}
