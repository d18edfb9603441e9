import Foundation
import Engine
import Contrastive
import Data

/// Options of one `replicate --paper` run.
public struct RunOptions: Sendable {
    public var scale: Scale = .smoke
    /// Overrides the recipe's seed count.
    public var seeds: Int?
    /// `--seeds auto:MAX`: add seeds in rounds (the recipe's count each) until every relative and
    /// non-inferiority claim is decided or MAX seeds ran, under alpha spending (`AlphaSpending`).
    public var autoSeedsMax: Int?
    public var dataRoot: String?
    /// The repository checkout holding papers/ and expected/.
    public var specRoot: URL
    /// Where `reports/<paper>/<run>/` go.
    public var reportsRoot: URL
    public var quiet = false
    /// The history store (`<reports>/history.sqlite` by default).
    public var storeURL: URL
    /// Train every trial even when the store has its result.
    public var force = false
    /// Continue trials from their checkpoints.
    public var resume = false
    /// Steps between checkpoints.
    public var checkpointEvery = 50
    /// Where checkpoints go (`<reports>/.trials` by default).
    public var checkpointDirectory: URL
    /// `nightly` runs are the baseline of the `regressed` verdict.
    public var kind: HistoryStore.RunKind = .run
    /// How many recent nightly runs form the baseline.
    public var regressionWindow = 5
    /// How the trials' convolutions run (in each trial's key). im2col here, the engine's reference; the CLI
    /// defaults to `.measured`.
    public var convPath: ConvPath = .im2col

    public init(specRoot: URL, reportsRoot: URL) {
        self.specRoot = specRoot; self.reportsRoot = reportsRoot
        storeURL = HistoryStore.defaultURL(reportsRoot: reportsRoot)
        checkpointDirectory = CheckpointPolicy.defaultDirectory(reportsRoot: reportsRoot)
    }
}

/// Runs every trial of one paper at one scale, checks its claims and writes the reports.
public struct PaperRun {
    public let options: RunOptions
    public let log: ProgressLog

    public init(options: RunOptions, log: ProgressLog) { self.options = options; self.log = log }

    /// Returns the record (also written to `<reportsRoot>/<paper>/<runId>/` and the store, by default the one
    /// at `options.storeURL`). `executor` defaults to local execution; either way the store's trial cache sits
    /// in front of it.
    public func run(paper id: String, data: DataCatalog, store: HistoryStore? = nil,
                    executor: (any Executor)? = nil) throws -> (record: RunRecord, directory: URL) {
        let loader = SpecLoader(root: options.specRoot)
        let spec = try loader.load(paper: id)
        let expected = try loader.loadExpected(paper: id)
        let recipe = spec.resolved(scale: options.scale)
        let seeds = options.autoSeedsMax ?? options.seeds ?? recipe.seeds
        let threads = EngineThreads.host(convPath: options.convPath)  // in each trial's key: its bits depend on them
        let configs = recipe.trialConfigs(seeds: seeds, threads: threads)
        // Validate every trial before the first one trains: bad input must not cost a half-finished run.
        // Missing data is bad input (exit 2, before anything is written) unless the scale's data is optional: then
        // no trial runs and every claim is `not run` with the reason.
        try data.checkRoot()
        var missingData: String?
        do {
            let splits = try data.splits(for: recipe.data)
            for c in configs { _ = try TrialPlan(c, channels: splits.train.channels) }
        } catch let e as DataError where e.isMissingData && options.scale.dataIsOptional {
            missingData = "data missing: \(e.description)"
            log.line("○ \(id): \(missingData!)")
        }

        // Recorded as the run starts: the commit is the one whose specs were just read (a long run must not record a
        // commit the repository moved to while it trained).
        let environment = Environment.current(dataRoot: data.root, threads: threads, repository: options.specRoot)
        let store = try store ?? HistoryStore(url: options.storeURL)
        let started = Date()
        let runId = try store.beginRun(paper: id, scale: options.scale.rawValue, kind: options.kind, startedAt: started)
        log.line("run \(runId): \(configs.count) trials of \(id) at scale \(options.scale.rawValue)")
        let local = LocalExecutor(data: data, checkpoints: CheckpointPolicy(directory: options.checkpointDirectory,
                                                                            every: options.checkpointEvery, resume: options.resume))
        let rules = ClaimBuilder.rules(recipe: recipe, expected: expected).map { rule in
            var rule = rule
            if let missingData, rule.notRunReason == nil { rule.notRunReason = missingData }
            return rule
        }
        let cached = CachedExecutor(executor ?? local, store: store, runId: runId, force: options.force)
        var trials: [TrialResult] = []
        var claims: [ClaimOutcome] = []
        if let max = options.autoSeedsMax, missingData == nil {
            (trials, claims) = try SequentialSeeds(start: options.seeds ?? recipe.seeds, maxSeeds: max)
                .run(configs: configs, rules: rules, executor: cached, log: log)
        } else {
            trials = missingData == nil ? try cached.run(configs, log: log) : []
            claims = rules.map { ClaimEvaluator.evaluate($0, trials: trials) }
        }
        let earlier = try store.runs(paper: id, scale: options.scale.rawValue, kind: .nightly, limit: options.regressionWindow + 1)
            .filter { $0.id != runId }.prefix(options.regressionWindow)
            .compactMap { try store.record(runId: $0.id)?.claims }
        claims = RegressionCheck.apply(claims, earlier: earlier)
        let record = RunRecord(
            runId: runId, paper: id, title: spec.paper.title, venue: spec.paper.venue, arxiv: spec.paper.arxiv,
            code: spec.paper.code.map { $0.url + ($0.commit.map { " @ \($0)" } ?? "") }, scale: options.scale.rawValue,
            startedAt: started, wallSeconds: Date().timeIntervalSince(started),
            paperHardware: spec.hardware.map { [$0.description, $0.note].compactMap { $0 }.joined(separator: ". ") },
            environment: environment, checklist: spec.checklist,
            specYAML: recipe.yamlText(), trials: trials, claims: claims)
        try store.finishRun(record)
        let dir = try Self.writeReports(record, reportsRoot: options.reportsRoot)
        log.run(record, directory: dir)
        return (record, dir)
    }

    /// Writes `<reportsRoot>/<paper>/<runId>/` and refreshes `<reportsRoot>/index.html` (under a file lock,
    /// so concurrent runs each end up listed). Returns the run folder.
    @discardableResult
    public static func writeReports(_ record: RunRecord, reportsRoot: URL) throws -> URL {
        let dir = reportsRoot.appendingPathComponent(record.paper).appendingPathComponent(record.runId)
        try ReportWriter.write(record, to: dir)
        _ = try FileLock.withLock(reportsRoot.appendingPathComponent(".index.lock")) {
            try ReportIndex.write(reportsRoot: reportsRoot)
        }
        return dir
    }
}
