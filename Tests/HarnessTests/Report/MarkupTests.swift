import Foundation
import Testing
@testable import Harness

@Suite struct MarkupTests {
    @Test func builderHandlesLoopsOptionalsAndConditionals() {
        let maybe: Markup? = nil
        let flag = true
        let m = Markup("ul", ["class": "x"]) {
            for i in 1...3 { Markup("li", text: "item \(i)") }
            maybe
            if flag { Markup("li", text: "yes") } else { Markup("li", text: "no") }
        }
        #expect(m.children.map(\.textContent) == ["item 1", "item 2", "item 3", "yes"])
        #expect(m.attribute("class") == "x")
        #expect(m.textContent == "item 1item 2item 3yes")
    }

    @Test func attributesKeepOrderAndCanBeReplaced() {
        let m = Markup("a", ["href": "h", "title": "t"]).with("title", "u").with("rel", "r")
        #expect(m.attributes == [.init("href", "h"), .init("title", "u"), .init("rel", "r")])
        #expect(Markup("a", attributes: [("b", "1"), ("a", "2")]).attributes.map(\.name) == ["b", "a"])
    }

    @Test func elementsNamedSearchesDepthFirstIgnoringCase() {
        let m = Markup("div", [:], [Markup("P", text: "1"), Markup("span", [:], [Markup("p", text: "2")]), .text("t")])
        #expect(m.elements(named: "p").map(\.textContent) == ["1", "2"])
        #expect(m.allElements.count == 4)
        #expect(Markup.text("x").name == nil)
        #expect(Markup.text("x").allElements.isEmpty)
    }
}
