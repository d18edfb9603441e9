import Foundation

/// What a claim's check concluded (README, "What it does").
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case reproduced
    case notReproduced = "not reproduced"
    case inconclusive
    case notRun = "not run"
    case error
    case regressed
}

/// The kind of a claim (DESIGN.md, "claim"): against an expected number, "A beats B", "A is not worse than B by
/// more than m", a rank correlation between two metrics across encoders, or a sanity check.
public enum ClaimKind: String, Codable, Sendable {
    case absolute, relative, sanity, correlation, interaction
    case nonInferiority = "non-inferiority"
}

/// One trial's outcome: a (method, dataset, seed, scale) training + evaluation.
public struct TrialResult: Codable, Sendable, Equatable {
    public var paper: String
    public var method: String
    public var dataset: String
    public var seed: Int
    public var scale: String
    /// SHA-256 of the resolved trial configuration; the cache and resume key.
    public var configHash: String
    /// Final metrics by name, e.g. `probe.top1`, `retrieval.top1`, `retrieval.top1.random`, `loss.final`.
    public var metrics: [String: Double]
    /// Per-epoch curves by name, e.g. `loss` (mean training loss of each epoch).
    public var curves: [String: [Double]]
    public var steps: Int
    public var wallSeconds: Double
    public var imagesPerSecond: Double
    /// A crash or divergence message; nil when the trial finished.
    public var error: String?

    public init(paper: String, method: String, dataset: String, seed: Int, scale: String, configHash: String,
                metrics: [String: Double] = [:], curves: [String: [Double]] = [:], steps: Int = 0,
                wallSeconds: Double = 0, imagesPerSecond: Double = 0, error: String? = nil) {
        self.paper = paper; self.method = method; self.dataset = dataset; self.seed = seed; self.scale = scale
        self.configHash = configHash; self.metrics = metrics; self.curves = curves; self.steps = steps
        self.wallSeconds = wallSeconds; self.imagesPerSecond = imagesPerSecond; self.error = error
    }
}

/// One claim checked against the trials of a run.
public struct ClaimOutcome: Codable, Sendable, Equatable {
    /// Unique within the paper, e.g. `stl10.align-uniform.fc7-linear` or `sanity.retrieval-beats-random`.
    public var id: String
    public var kind: ClaimKind
    /// Human text of the claim, from the spec (may be a quoted sentence of the paper).
    public var statement: String
    public var metric: String
    /// Expected value (absolute) or the bound (relative/sanity margin), when there is one.
    public var expected: Double?
    /// Half-width of the accepted band around `expected` (absolute), or the margin (relative).
    public var tolerance: Double?
    /// Obtained values, one per seed (for a relative claim: the per-seed differences A - B).
    public var values: [Double]
    public var mean: Double?
    public var std: Double?
    /// 95 % confidence interval of the mean.
    public var intervalLow: Double?
    public var intervalHigh: Double?
    public var verdict: Verdict
    /// Why: numbers for a failure, the reason for `not run`, the crash for `error`.
    public var message: String
    /// Where the expected number comes from (paper table and row, repository file, calibration run).
    public var provenance: String?
    /// How the interval was computed: `paired` (per-seed differences), `welch`, `t` (one sample) or `bootstrap`.
    public var intervalMethod: String?
    /// The two-sided level the interval was computed at (0.05 for a 95 % interval; less at a sequential look).
    public var alpha: Double?
    /// The smallest distance from the bound this run detects with 80 % power (DESIGN.md, "power").
    public var detectable: Double?
    /// The difference the paper reports for this claim, and where it is read.
    public var effect: Double?
    public var effectSource: String?
    /// Correlation claims: the second metric, and per encoder its mean (`values` holds the first's).
    public var metricAgainst: String?
    /// Interaction claims: the mean of method@from, method@to, baseline@from, baseline@to (over the paired seeds),
    /// and the names of those four cells.
    public var cellMeans: [Double]?
    public var cellLabels: [String]?
    public var valuesAgainst: [Double]?
    /// Seeds per method that would detect the paper's effect (or, without one, decide the observed
    /// difference) with 80 % power; nil when the spread is unknown.
    public var seedsNeeded: Int?

    public init(id: String, kind: ClaimKind, statement: String, metric: String, expected: Double? = nil,
                tolerance: Double? = nil, values: [Double] = [], mean: Double? = nil, std: Double? = nil,
                intervalLow: Double? = nil, intervalHigh: Double? = nil, verdict: Verdict, message: String,
                provenance: String? = nil) {
        self.id = id; self.kind = kind; self.statement = statement; self.metric = metric
        self.expected = expected; self.tolerance = tolerance; self.values = values; self.mean = mean
        self.std = std; self.intervalLow = intervalLow; self.intervalHigh = intervalHigh
        self.verdict = verdict; self.message = message; self.provenance = provenance
    }
}

/// One line of the paper's reproducibility checklist.
public struct ChecklistEntry: Codable, Sendable, Equatable {
    public var item: String      // pseudocode, code, datasets, splits, hardware, software, setup
    public var answer: String    // yes | no | partial
    public var note: String
    public init(item: String, answer: String, note: String) { self.item = item; self.answer = answer; self.note = note }
}

/// Everything a report is built from; `results.json` is this value encoded.
public struct RunRecord: Codable, Sendable, Equatable {
    /// Bumped when the JSON shape changes incompatibly.
    public static let schemaVersion = 1
    public var schemaVersion: Int = RunRecord.schemaVersion
    public var runId: String
    public var paper: String
    public var title: String
    public var venue: String
    public var arxiv: String?
    public var code: String?
    public var scale: String
    public var startedAt: Date
    public var wallSeconds: Double
    /// The paper's stated hardware and its training time where known, as text.
    public var paperHardware: String?
    /// CPU, threads, BLAS, OS, Swift, git commit, dataset checksums.
    public var environment: [String: String]
    public var checklist: [ChecklistEntry]
    /// The resolved spec as YAML text (shown escaped in the report).
    public var specYAML: String
    public var trials: [TrialResult]
    public var claims: [ClaimOutcome]

    public init(runId: String, paper: String, title: String, venue: String, arxiv: String? = nil, code: String? = nil,
                scale: String, startedAt: Date, wallSeconds: Double, paperHardware: String? = nil,
                environment: [String: String], checklist: [ChecklistEntry], specYAML: String,
                trials: [TrialResult], claims: [ClaimOutcome]) {
        self.runId = runId; self.paper = paper; self.title = title; self.venue = venue; self.arxiv = arxiv
        self.code = code; self.scale = scale; self.startedAt = startedAt; self.wallSeconds = wallSeconds
        self.paperHardware = paperHardware; self.environment = environment; self.checklist = checklist
        self.specYAML = specYAML; self.trials = trials; self.claims = claims
    }
}
