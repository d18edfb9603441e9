import Foundation

/// Writes run records as JUnit XML through libxml2's xmlTextWriter, valid against the project's own schema
/// (`JUnitSchema`, `Sources/Harness/Resources/junit.xsd`): every document is checked before it is returned.
///
/// Shape: `<testsuites>` with one `<testsuite name="<paper>.<scale>">` per record and one `<testcase>` per
/// claim (`classname` = suite name, `name` = claim id). Verdict mapping:
/// - `reproduced` → pass (no child element);
/// - `not reproduced`, `regressed` → `<failure type="<verdict>">` with the numbers in message and text;
/// - `error` → `<error>` (a trial crashed or diverged);
/// - `not run` → `<skipped message="<reason>">`;
/// - `inconclusive` → `<skipped message="inconclusive: …">`: the interval straddles the bound, so the run
///   neither confirms nor refutes the claim. CI stays green on seed noise, yet every JUnit viewer lists it.
///
/// A testcase's `time` is its share of the run's wall time (wall time / claims that were run; 0 for `not run`):
/// claims are checked from shared trials, so there is no per-claim cost, and the shares add up to the suite
/// `time` as CI dashboards expect.
public enum JUnitWriter {
    /// The JUnit document for one run.
    public static func xml(for record: RunRecord) throws -> String {
        try merge(records: [record])
    }

    /// One document for several runs (`replicate --all --junit PATH`): one testsuite per `<paper>.<scale>`.
    /// When two records share paper and scale, only the latest (by `startedAt`) is kept, since two suites with
    /// the same name would make every testcase ambiguous.
    public static func merge(records: [RunRecord]) throws -> String {
        var latest: [String: RunRecord] = [:]
        for r in records where latest[r.suiteName].map({ $0.startedAt < r.startedAt }) ?? true {
            latest[r.suiteName] = r
        }
        let suites = latest.values.sorted { $0.suiteName < $1.suiteName }
        let w = try XMLStreamWriter(indent: true)
        try w.start("testsuites")
        try w.attribute("name", "replicate")
        let cases = suites.map { testcases(for: $0) }
        try w.attribute("tests", String(cases.reduce(0) { $0 + $1.count }))
        try w.attribute("failures", String(cases.reduce(0) { $0 + $1.filter { $0.outcome == "failure" }.count }))
        try w.attribute("errors", String(cases.reduce(0) { $0 + $1.filter { $0.outcome == "error" }.count }))
        try w.attribute("skipped", String(cases.reduce(0) { $0 + $1.filter { $0.outcome == "skipped" }.count }))
        try w.attribute("time", ReportFormat.seconds(suites.reduce(0) { $0 + $1.wallSeconds }))
        for (record, tcs) in zip(suites, cases) { try writeSuite(record, tcs, to: w) }
        try w.end()
        let xml = try w.finish()
        // A report CI cannot read is worse than none: an invalid document is an internal error, not a file.
        let problems = JUnitSchema.problems(in: xml)
        if !problems.isEmpty { throw ReportError.invalidJUnit(problems: problems) }
        return xml
    }

    /// One testcase as written: everything decided before any XML is produced, so counts cannot drift.
    struct Case {
        var name: String
        var time: Double
        /// nil (pass), "failure", "error" or "skipped".
        var outcome: String?
        var type: String
        var message: String
        var body: String
        var systemOut: String?
    }

    static func testcases(for record: RunRecord) -> [Case] {
        let ran = record.claims.filter { $0.verdict != .notRun }.count
        let share = ran > 0 ? max(0, record.wallSeconds) / Double(ran) : 0
        var used: [String: Int] = [:]
        return record.claims.map { claim in
            // Claim ids are unique by contract; a duplicate gets "#2" rather than making the file invalid.
            let n = (used[claim.id] ?? 0) + 1
            used[claim.id] = n
            let name = n == 1 ? claim.id : "\(claim.id)#\(n)"
            return testcase(for: claim, name: name, time: claim.verdict == .notRun ? 0 : share)
        }
    }

    static func testcase(for claim: ClaimOutcome, name: String, time: Double) -> Case {
        let numbers = ReportFormat.numbers(claim)
        var detail = "\(numbers)\nclaim: \(claim.statement)\nkind: \(claim.kind.rawValue)\nmetric: \(claim.metric)\n"
        detail += "expected: \(ReportFormat.expected(claim))\nobtained: \(ReportFormat.obtained(claim))\n"
        detail += "interval: \(ReportFormat.interval(claim))\nper-seed: \(ReportFormat.list(claim.values))\n"
        detail += "power: \(ReportFormat.power(claim))\n"
        if let p = claim.provenance { detail += "provenance: \(p)\n" }
        if !claim.message.isEmpty { detail += "message: \(claim.message)\n" }
        let why = claim.message.isEmpty ? numbers : "\(claim.message) (\(numbers))"
        var c = Case(name: name, time: time, outcome: nil, type: claim.verdict.rawValue, message: "", body: detail)
        switch claim.verdict {
        case .reproduced:
            c.systemOut = detail
        case .notReproduced, .regressed:
            c.outcome = "failure"; c.message = "\(claim.verdict.label): \(why)"
        case .error:
            c.outcome = "error"; c.message = claim.message.isEmpty ? "trial error" : claim.message
        case .notRun:
            c.outcome = "skipped"; c.message = claim.message.isEmpty ? "not run" : claim.message
        case .inconclusive:
            c.outcome = "skipped"; c.message = "inconclusive: \(why)"
        }
        return c
    }

    private static func writeSuite(_ record: RunRecord, _ cases: [Case], to w: XMLStreamWriter) throws {
        try w.start("testsuite")
        try w.attribute("name", record.suiteName)
        try w.attribute("tests", String(cases.count))
        try w.attribute("failures", String(cases.filter { $0.outcome == "failure" }.count))
        try w.attribute("errors", String(cases.filter { $0.outcome == "error" }.count))
        try w.attribute("skipped", String(cases.filter { $0.outcome == "skipped" }.count))
        try w.attribute("time", ReportFormat.seconds(record.wallSeconds))
        try w.attribute("timestamp", ReportFormat.timestamp(record.startedAt))
        try w.attribute("id", record.runId)
        try w.attribute("package", record.paper)
        try w.start("properties")
        for (name, value) in properties(of: record) {
            try w.start("property"); try w.attribute("name", name); try w.attribute("value", value); try w.end()
        }
        try w.end()
        for c in cases {
            try w.start("testcase")
            try w.attribute("classname", record.suiteName)
            try w.attribute("name", c.name)
            try w.attribute("time", ReportFormat.seconds(c.time))
            if let outcome = c.outcome {
                try w.start(outcome)
                try w.attribute("message", c.message)
                try w.attribute("type", c.type)
                try w.text(c.body)
                try w.end()
            }
            if let out = c.systemOut { try w.start("system-out"); try w.text(out); try w.end() }
            try w.end()
        }
        try w.end()
    }

    /// Run identity first, then the environment (CPU, threads, BLAS, OS, Swift, commit, checksums) by key.
    static func properties(of record: RunRecord) -> [(String, String)] {
        var p: [(String, String)] = [
            ("run.id", record.runId), ("paper", record.paper), ("paper.title", record.title),
            ("paper.venue", record.venue), ("scale", record.scale),
            ("started", ReportFormat.timestamp(record.startedAt)),
            ("wall.seconds", ReportFormat.seconds(record.wallSeconds)),
        ]
        if let a = record.arxiv { p.append(("paper.arxiv", a)) }
        if let c = record.code { p.append(("paper.code", c)) }
        p += record.environment.keys.sorted().map { ("env.\($0)", record.environment[$0]!) }
        return p
    }
}
