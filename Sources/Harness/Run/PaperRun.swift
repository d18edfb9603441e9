import Foundation
import Contrastive
import Data

/// Options of one `replicate --paper` run.
public struct RunOptions: Sendable {
    public var scale: Scale = .smoke
    /// Overrides the recipe's seed count.
    public var seeds: Int?
    public var dataRoot: String?
    /// The repository checkout holding papers/ and expected/.
    public var specRoot: URL
    /// Where `reports/<paper>/<run>/` go.
    public var reportsRoot: URL
    public var quiet = false

    public init(specRoot: URL, reportsRoot: URL) { self.specRoot = specRoot; self.reportsRoot = reportsRoot }
}

/// Runs every trial of one paper at one scale, checks its claims and writes the reports.
public struct PaperRun {
    public let options: RunOptions
    public let log: ProgressLog

    public init(options: RunOptions, log: ProgressLog) { self.options = options; self.log = log }

    /// Returns the record (also written to `<reportsRoot>/<paper>/<runId>/`).
    public func run(paper id: String, data: DataCatalog, executor: (any Executor)? = nil) throws -> (record: RunRecord, directory: URL) {
        let loader = SpecLoader(root: options.specRoot)
        let spec = try loader.load(paper: id)
        let expected = try loader.loadExpected(paper: id)
        let recipe = spec.resolved(scale: options.scale)
        let seeds = options.seeds ?? recipe.seeds
        let started = Date()
        let configs = recipe.methods.flatMap { m in (0..<seeds).map { TrialConfig(recipe: recipe, method: m, seed: $0) } }
        // Validate every trial before the first one trains: bad input must not cost a half-finished run.
        // Missing data is not bad input: no trial runs and every claim is `not run` with the reason.
        try data.checkRoot()
        var missingData: String?
        do {
            let splits = try data.splits(for: recipe.data)
            for c in configs { _ = try TrialPlan(c, channels: splits.train.channels) }
        } catch let e as DataError where e.isMissingData {
            missingData = "data missing: \(e.description)"
            log.line("○ \(id): \(missingData!)")
        }

        let trials = missingData == nil ? try (executor ?? LocalExecutor(data: data)).run(configs, log: log) : []
        let claims = ClaimBuilder.rules(recipe: recipe, expected: expected).map { rule in
            var rule = rule
            if let missingData, rule.notRunReason == nil { rule.notRunReason = missingData }
            return ClaimEvaluator.evaluate(rule, trials: trials)
        }
        let runId = Self.runId(started)
        let record = RunRecord(
            runId: runId, paper: id, title: spec.paper.title, venue: spec.paper.venue, arxiv: spec.paper.arxiv,
            code: spec.paper.code.map { $0.url + ($0.commit.map { " @ \($0)" } ?? "") }, scale: options.scale.rawValue,
            startedAt: started, wallSeconds: Date().timeIntervalSince(started),
            paperHardware: spec.hardware.map { [$0.description, $0.note].compactMap { $0 }.joined(separator: ". ") },
            environment: Environment.current(dataRoot: data.root), checklist: spec.checklist,
            specYAML: recipe.yamlText(), trials: trials, claims: claims)
        let dir = options.reportsRoot.appendingPathComponent(id).appendingPathComponent(runId)
        try ReportWriter.write(record, to: dir)
        return (record, dir)
    }

    /// Sortable and unique enough for one machine: UTC time plus a random suffix.
    static func runId(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: date) + "-" + String(UInt32.random(in: 0...0xFFFF), radix: 16)
    }
}
