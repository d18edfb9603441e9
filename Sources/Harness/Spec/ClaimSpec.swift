/// A claim checked against a run: a sanity check, or "`better` beats `worse` on `metric` by at least `margin`".
/// (Absolute claims come from the expected table's rows, not from here.)
public struct ClaimSpec: Equatable, Sendable, Codable {
    public var id: String
    /// `sanity` or `relative`.
    public var kind: ClaimKind
    /// Sanity check: `decreases`, `finite` or `above-random`.
    public var check: String?
    /// `loss` or `<evaluation id>.<measure>`.
    public var metric: String
    /// Relative: required difference better - worse (negative = "not worse by more than"); above-random:
    /// required difference trained - random encoder. In the metric's own unit (retrieval top-1 is a fraction).
    public var margin: Double
    public var better: String?
    public var worse: String?
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
        case "relative": (required, optional) = (["id", "kind", "better", "worse", "metric", "quote"], ["margin", "scales"])
        default: (required, optional) = (["id", "kind", "metric"], ["check", "margin", "better", "worse", "quote", "scales"])
        }
        guard let f = r.fields(node, path, required: required, optional: optional) else { return nil }
        let id = r.identifier(f["id"], f.path("id"), dotted: true)
        let check = r.name(f["check"], f.path("check"), among: KnownNames.sanityChecks, what: "sanity check")
        let metric = r.string(f["metric"], f.path("metric"))
        let margin = f.has("margin") ? r.double(f["margin"], f.path("margin")) : 0
        let better = r.identifier(f["better"], f.path("better"))
        let worse = r.identifier(f["worse"], f.path("worse"))
        if let better, better == worse { r.error(f["worse"]!.location, f.path("worse"), "a method cannot be compared with itself") }
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
                         worse: worse, quote: quote, scales: scales)
    }
}
