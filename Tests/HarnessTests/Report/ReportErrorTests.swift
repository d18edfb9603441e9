import Foundation
import Testing
@testable import Harness

@Suite struct ReportErrorTests {
    @Test(arguments: [
        (ReportError.unsupportedSchemaVersion(path: "/r/results.json", found: nil, supported: 1), ["/r/results.json", "no schemaVersion field", "schemaVersion 1"]),
        (.unreadableRecord(path: "/r/results.json", reason: "missing field runId"), ["/r/results.json", "results.json written by `replicate`", "missing field runId"]),
        (.libxml(operation: "htmlDocDumpMemoryFormat", detail: "no output"), ["libxml2 htmlDocDumpMemoryFormat failed: no output"]),
        (.io(path: "/reports/x", reason: "cannot write"), ["/reports/x: cannot write"]),
    ])
    func descriptionsNameTheFileAndTheProblem(error: ReportError, pieces: [String]) {
        for p in pieces { #expect(error.description.contains(p), "\(error.description) lacks \(p)") }
    }
}
