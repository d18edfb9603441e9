/// A claim ready to be checked: what to compute from the trials and the bound to compare with.
/// Built by the runner from the spec's claims and the expected table; knows nothing of YAML.
public struct ClaimRule: Sendable, Equatable {
    public enum Check: Sendable, Equatable {
        /// Every trial finished with a finite loss.
        case finite
        /// Every trial's mean loss over its last steps is below that over its first steps.
        case decreases
        /// Trained minus randomly initialised encoder (`<metric>.random`), per seed, is at least `margin`.
        case aboveRandom(margin: Double)
        /// `better − worse` on the metric is at least `margin` (negative: "not worse by more than").
        case relative(better: String, worse: String, margin: Double)
        /// The method's metric lies within `tolerance` of `expected`.
        case absolute(method: String, expected: Double, tolerance: Double)
        /// Spearman's rank correlation of `metric` and `other` over the methods' encoders is at least `margin`
        /// (`negative`: at most `−margin`).
        case correlation(methods: [String], other: String, negative: Bool, margin: Double)
        /// Per seed, `(method@to − method@from) − (baseline@to − baseline@from)` is at least `margin`: the
        /// method's change between conditions beats the baseline's. The ids are trial method ids.
        case interaction(methodFrom: String, methodTo: String, baselineFrom: String, baselineTo: String, margin: Double)
    }

    /// A difference the paper reports for the claim, in the metric's unit, with where it is read.
    public struct Effect: Sendable, Equatable {
        public var value: Double
        public var source: String
        public init(value: Double, source: String) { self.value = value; self.source = source }
    }

    public var id: String
    public var kind: ClaimKind
    public var statement: String
    public var metric: String
    public var check: Check
    public var provenance: String?
    /// Set when the claim cannot be checked at this scale; it becomes `not run` with this reason.
    public var notRunReason: String?
    /// Two-sided level of the claim's interval: 0.05, or a look's share of it under `--seeds auto`.
    public var alpha: Double = 0.05
    /// The paper's effect, for the seeds it would need.
    public var effect: Effect?

    public init(id: String, kind: ClaimKind, statement: String, metric: String, check: Check,
                provenance: String? = nil, notRunReason: String? = nil) {
        self.id = id; self.kind = kind; self.statement = statement; self.metric = metric; self.check = check
        self.provenance = provenance; self.notRunReason = notRunReason
    }
}
