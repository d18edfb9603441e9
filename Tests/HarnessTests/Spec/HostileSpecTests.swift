import Foundation
import Testing
@testable import Harness

/// A spec written to exhaust the loader rather than to describe a paper, and where its error must point.
struct HostileSpec: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    /// The line of the first error (0: the whole file).
    var line: Int
    var message: String
    var testDescription: String { name }
}

/// Nine levels of nine aliases: 70 lines that expand to 9⁹ scalars.
private let billionLaughs = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + (1...9).map { i in
    "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n"
}.joined()

let hostileSpecs: [HostileSpec] = [
    HostileSpec(name: "billion laughs", text: billionLaughs, line: 1, message: "anchors and aliases"),
    HostileSpec(name: "aliases as mapping keys", text: billionLaughs + "? *a9\n: 1\n? *a8\n: 2\n", line: 1,
                message: "anchors and aliases"),
    HostileSpec(name: "one anchor and alias in a real spec",
                text: minimalSpec.replacingOccurrences(of: "seeds: 3", with: "seeds: &n 3\nsteps: *n"), line: 41,
                message: "anchors and aliases"),
    HostileSpec(name: "40 nested lists", text: "x: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
                line: 1, message: "nested deeper than 32 levels"),
    HostileSpec(name: "40 nested mappings", text: (0..<40).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined()
                + String(repeating: "  ", count: 40) + "v: 1\n", line: 34, message: "nested deeper than 32 levels"),
    HostileSpec(name: "10000 nested lists (past libyaml's own limit)",
                text: "x: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), line: 1,
                message: "Maximum nesting level"),
    HostileSpec(name: "10000 duplicate keys", text: String(repeating: "k: 1\n", count: 10_000), line: 1,
                message: "more than 10 duplicate keys (the first: 'k')"),
    HostileSpec(name: "a file over 256 KiB", text: minimalSpec + "# " + String(repeating: "x", count: 300_000) + "\n", line: 0,
                message: "larger than 262144 bytes"),
]

@Test(arguments: hostileSpecs)
func hostileSpecIsRefusedWithItsLine(_ fixture: HostileSpec) throws {
    let repo = try TempRepo(files: ["papers/demo.yaml": fixture.text])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["papers/demo.yaml"]).filter(\.isError)
    let first = issues.first { $0.message.contains(fixture.message) }
    #expect(first != nil, "no issue '\(fixture.message)' among:\n\(issues.map(\.description).joined(separator: "\n"))")
    #expect(first?.file == "papers/demo.yaml")
    #expect(first?.line == fixture.line)
    #expect(throws: SpecError.self) { try repo.loader.load(paper: "demo") }
}

/// The expected table goes through the same reader: an alias there is refused too.
@Test func aliasInAnExpectedTableIsRefused() throws {
    let repo = try TempRepo(files: ["papers/demo.yaml": minimalSpec, "expected/demo.yaml": "version: 1\npaper: demo\nrows: &r []\nx: *r\n"])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["expected/demo.yaml"]).filter(\.isError)
    #expect(issues.contains { $0.file == "expected/demo.yaml" && $0.line == 3 && $0.message.contains("anchors and aliases") },
            "\(issues)")
}

/// No committed spec needs an anchor, an alias or deep nesting: refusing them costs the real specs nothing.
@Test func committedSpecsStillLoad() throws {
    let loader = SpecLoader(root: repositoryRoot)
    for id in loader.allPaperIDs() {
        _ = try loader.loadExpected(paper: id)
    }
}
