import Foundation
import Testing
@testable import Harness

@Suite struct LibXMLTests {
    func page(_ body: [Markup]) -> Markup {
        Markup("html", [:], [Markup("head", [:], [Markup("meta", ["charset": "utf-8"])]), Markup("body", [:], body)])
    }

    @Test func textAndAttributesAreEscapedAndParseBack() throws {
        let hostile = "<b>\"x\" & 'y' &amp;</b>"
        let html = try LibXML.renderHTML(page([Markup("p", ["title": hostile], text: hostile)]))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&amp;amp;"))
        let back = try #require(LibXML.parseHTML(html))
        let p = try #require(back.elements(named: "p").first)
        #expect(p.textContent == hostile)
        #expect(p.attribute("title") == hostile)
    }

    @Test func htmlHasDoctypeVoidElementsAndRawStyle() throws {
        let html = try LibXML.renderHTML(page([Markup("style", text: "a > b { color: red }"), Markup("br")]))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(!html.contains("</meta>") && !html.contains("</br>"))
        #expect(html.contains("<br>"))
        #expect(html.contains("a > b { color: red }"))
    }

    @Test func svgElementsKeepTheirStructure() throws {
        let svg = Markup("svg", ["viewBox": "0 0 10 10"], [Markup("polyline", ["points": "0,0 5,5"]), Markup("text", text: "a<b")])
        let back = try #require(LibXML.parseHTML(try LibXML.renderHTML(page([svg]))))
        #expect(back.elements(named: "polyline").first?.attribute("points") == "0,0 5,5")
        #expect(back.elements(named: "text").first?.textContent == "a<b")
    }

    @Test(arguments: [("a\u{0}b", "a\u{FFFD}b"), ("\u{1B}[31m", "\u{FFFD}[31m"), ("tab\tnl\ncr\r", "tab\tnl\ncr\r"), ("é±", "é±")])
    func xmlSafeReplacesOnlyForbiddenCharacters(input: String, output: String) {
        #expect(LibXML.xmlSafe(input) == output)
    }

    @Test func parseXMLReportsMalformedInputWithALine() {
        do {
            _ = try LibXML.parseXML("<a>\n<b></a>")
            Issue.record("malformed XML parsed")
        } catch {
            #expect("\(error)".contains("line 2"))
        }
    }

    @Test func streamWriterEscapesAndNests() throws {
        let w = try XMLStreamWriter(indent: false)
        try w.start("r"); try w.attribute("q", "\"<&>'"); try w.start("c"); try w.text("1 < 2 & 3"); try w.end()
        let xml = try w.finish()
        #expect(xml.contains("<r q=\"&quot;&lt;&amp;&gt;'\"><c>1 &lt; 2 &amp; 3</c></r>"))
        let root = try LibXML.parseXML(xml)
        #expect(root.attribute("q") == "\"<&>'")
        #expect(throws: ReportError.self) { try w.start("after") }
    }

    @Test func concurrentUseIsSafe() async throws {
        let record = ReportFixtures.everyVerdict()
        let expected = try HTMLReport.html(for: record)
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try HTMLReport.html(for: record) } }
            for try await html in group { #expect(html == expected) }
        }
    }
}
