import Testing
@testable import Harness

private func parse(_ text: String) -> (SpecNode?, [SpecIssue]) {
    var issues: [SpecIssue] = []
    let node = SpecNode.parse(text, file: "t.yaml", issues: &issues)
    return (node, issues)
}

@Test func scalarsKeepTheirTextAndQuoting() throws {
    let (node, issues) = parse("a: yes\nb: 'yes'\nc: 2005.10242\nd: ~\n")
    #expect(issues.isEmpty)
    let map = try #require(node?.mapping)
    guard case .scalar(let a) = map["a"]!, case .scalar(let b) = map["b"]!, case .scalar(let c) = map["c"]! else {
        Issue.record("expected scalars"); return
    }
    #expect(a.text == "yes" && a.isPlain && !b.isPlain && c.text == "2005.10242")
    #expect(map["d"]!.isNull && !map["b"]!.isNull)
    #expect(a.location == SourceLocation(file: "t.yaml", line: 1, column: 4))
}

@Test func everyDuplicateKeyIsReportedAtItsLaterOccurrence() {
    let (node, issues) = parse("a: 1\nb:\n  x: 1\n  x: 2\na: 3\n")
    #expect(node != nil)
    #expect(issues.map(\.description).sorted() == [
        "t.yaml:4:3: b.x: duplicate key 'x' (first at line 3)",
        "t.yaml:5:1: a: duplicate key 'a' (first at line 1)",
    ])
}

@Test func mergeIsDeepForMappingsAndReplacesEverythingElse() throws {
    let (base, _) = parse("m: {a: 1, b: [1, 2], c: {d: 1}}\nk: 1\n")
    let (over, _) = parse("m: {b: [3], c: {e: 2}, a: null}\n")
    let merged = SpecNode.merge(base!, over!)
    let m = try #require(merged.mapping?["m"]?.mapping)
    #expect(m["a"]!.isNull)
    if case .sequence(let items, _) = m["b"]! { #expect(items.count == 1) } else { Issue.record("b is not a list") }
    #expect(m["c"]?.mapping?.entries.map(\.key) == ["d", "e"])
    #expect(merged.mapping?["k"] != nil)
}

@Test func editDistanceSuggestsOnlyCloseWords() {
    #expect(EditDistance.between("kitten", "sitting") == 3)
    #expect(EditDistance.suggestion(for: "temprature", among: ["temperature", "t"]) == "temperature")
    #expect(EditDistance.suggestion(for: "xyz", among: ["temperature"]) == nil)
}

@Test func issueDescriptionFormats() {
    let full = SpecIssue(file: "papers/x.yaml", line: 12, column: 5, keyPath: "methods[1].loss.temprature",
                         message: "unknown key 'temprature' (did you mean 'temperature'?)")
    #expect(full.description == "papers/x.yaml:12:5: methods[1].loss.temprature: unknown key 'temprature' (did you mean 'temperature'?)")
    let whole = SpecIssue(file: "papers/x.yaml", line: 0, column: 0, keyPath: "", message: "no such file", severity: .warning)
    #expect(whole.description == "papers/x.yaml: warning: no such file")
}
