/// A claim checked against a run (docs/spec.md, "Claims"): a sanity check, "`better` beats `worse` by at
/// least `margin`" (relative), "`better` is not worse than `worse` by more than `margin`" (non-inferiority), or
/// a rank correlation between two metrics over encoders, or an interaction (a difference of differences across
/// two conditions, paired by seed). (Absolute claims come from the expected table's rows.)
public struct ClaimSpec: Equatable, Sendable, Codable {
    /// The difference the paper reports for a claim, in the metric's unit, and where it is read.
    public struct Effect: Equatable, Sendable, Codable {
        public var value: Double
        public var source: String
    }

    public var id: String
    public var kind: ClaimKind
    /// Sanity check: `decreases`, `finite` or `above-random`.
    public var check: String?
    /// `loss` or `<evaluation id>.<measure>`; a correlation's first metric.
    public var metric: String
    /// Relative: required difference better − worse (≥ 0); non-inferiority: the largest allowed shortfall
    /// (> 0); above-random: required difference trained − random encoder; correlation: the bound on |ρ|.
    /// In the metric's own unit (retrieval top-1 is a fraction).
    public var margin: Double
    /// Relative: the method that should win; non-inferiority: spec key `method`.
    public var better: String?
    /// Relative: the method it beats; non-inferiority: spec key `baseline`.
    public var worse: String?
    /// Correlation: the encoders (methods) ranked; absent = every method of the recipe.
    public var methods: [String]?
    /// Correlation: the second metric.
    public var against: String?
    /// Correlation: `positive` (ρ ≥ margin) or `negative` (ρ ≤ −margin).
    public var direction: String?
    /// Interaction: the two conditions, `from` (e.g. balanced) and `to` (e.g. imbalanced).
    public var from: String?
    public var to: String?
    /// The paper's effect, for the seeds it would need.
    public var effect: Effect?
    /// The paper's sentence (or its table's row, in words) the claim stands for.
    public var quote: String?
    /// The scales this claim is checked at.
    public var scales: [Scale]

    static func decode(_ node: SpecNode, _ path: String, _ r: SpecReader) -> ClaimSpec? {
        var kind: String?
        if let map = node.mapping, let k = map["kind"], !k.isNull {
            kind = r.name(k, SpecReader.join(path, "kind"), among: KnownNames.claimKinds, what: "claim kind")
        }
        let required: [String], optional: [String]
        switch kind {
        case "sanity": (required, optional) = (["id", "kind", "check", "metric"], ["margin", "scales", "quote"])
        case "relative": (required, optional) = (["id", "kind", "better", "worse", "metric", "quote"], ["margin", "effect", "scales"])
        case "non-inferiority": (required, optional) = (["id", "kind", "method", "baseline", "metric", "margin", "quote"], ["effect", "scales"])
        case "interaction": (required, optional) = (["id", "kind", "method", "baseline", "metric", "from", "to", "quote"],
                                                    ["margin", "effect", "scales"])
        case "correlation": (required, optional) = (["id", "kind", "metric", "against", "direction", "margin", "quote"],
                                                    ["methods", "effect", "scales"])
        default: (required, optional) = (["id", "kind", "metric"], ["check", "margin", "better", "worse", "quote", "scales"])
        }
        guard let f = r.fields(node, path, required: required, optional: optional) else { return nil }
        let id = r.identifier(f["id"], f.path("id"), dotted: true)
        let check = r.name(f["check"], f.path("check"), among: KnownNames.sanityChecks, what: "sanity check")
        let metric = r.string(f["metric"], f.path("metric"))
        let margin = f.has("margin") ? r.double(f["margin"], f.path("margin")) : 0
        let (betterKey, worseKey) = kind == "non-inferiority" || kind == "interaction" ? ("method", "baseline") : ("better", "worse")
        let better = r.identifier(f[betterKey], f.path(betterKey))
        let worse = r.identifier(f[worseKey], f.path(worseKey))
        if let better, better == worse { r.error(f[worseKey]!.location, f.path(worseKey), "a method cannot be compared with itself") }
        if kind == "relative", let margin, margin < 0, let m = f["margin"] {
            r.error(m.location, f.path("margin"), "a negative margin says \"not worse by more than\": use kind: non-inferiority "
                    + "with method, baseline and a positive margin")
        }
        if kind == "non-inferiority" || kind == "correlation", let margin, margin <= 0 || (kind == "correlation" && margin >= 1),
           let m = f["margin"] {
            r.error(m.location, f.path("margin"), kind == "correlation" ? "expected a bound on |ρ| in (0, 1)"
                    : "expected the largest allowed shortfall, a number > 0")
        }
        let methods = f.has("methods") ? r.list(f["methods"], f.path("methods")).map { items in
            items.compactMap { r.identifier($0.node, $0.path) }
        } : nil
        let against = r.string(f["against"], f.path("against"))
        let from = r.identifier(f["from"], f.path("from")), to = r.identifier(f["to"], f.path("to"))
        if let from, from == to { r.error(f["to"]!.location, f.path("to"), "an interaction compares two different conditions") }
        let direction = r.name(f["direction"], f.path("direction"), among: ["positive", "negative"], what: "direction")
        var effect: Effect?
        if let e = r.fields(f["effect"], f.path("effect"), required: ["value", "source"]) {
            if let v = r.double(e["value"], e.path("value")), let s = r.string(e["source"], e.path("source")) { effect = Effect(value: v, source: s) }
        }
        let quote = r.string(f["quote"], f.path("quote"))
        var scales: [Scale]? = Scale.allCases
        if let items = r.list(f["scales"], f.path("scales")) {
            let names = items.compactMap { r.name($0.node, $0.path, among: Scale.allCases.map(\.rawValue), what: "scale") }
            scales = names.count == items.count ? names.compactMap(Scale.init(rawValue:)) : nil
        }
        if let check, check != "above-random", let metric, metric != "loss", let m = f["metric"] {
            r.error(m.location, f.path("metric"), "check '\(check)' applies to the training loss: use metric 'loss'")
        }
        guard let id, let kind, let claimKind = ClaimKind(rawValue: kind), let metric, let margin, let scales else { return nil }
        return ClaimSpec(id: id, kind: claimKind, check: check, metric: metric, margin: margin, better: better,
                         worse: worse, methods: methods, against: against, direction: direction, from: from, to: to, effect: effect,
                         quote: quote, scales: scales)
    }
}
