import Foundation
import Testing
@testable import Harness

@Suite struct ReportStyleTests {
    @Test func everyVerdictHasABadgeRuleInItsColour() {
        for v in Verdict.allCases {
            #expect(ReportStyle.css.contains(".badge.\(v.cssClass){background:\(v.colour)}"))
        }
    }

    @Test func stylesheetLoadsNothingFromOutside() {
        let css = ReportStyle.css.lowercased()
        #expect(!css.contains("url(") && !css.contains("@import") && !css.contains("http"))
        #expect(!css.contains("</style"))
    }
}
