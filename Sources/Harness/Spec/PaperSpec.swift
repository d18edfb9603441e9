/// A validated paper spec: metadata plus one resolved recipe per scale.
public struct PaperSpec: Equatable, Sendable {
    public var id: String
    /// The spec file, relative to the repository root (e.g. `papers/align-uniform.yaml`).
    public var file: String
    public var paper: PaperMetadata
    public var checklist: [ChecklistEntry]
    public var hardware: HardwareSpec?
    /// Scales the spec declares a variant for, plus `full` (the base recipe), in order.
    public var scales: [Scale]
    /// Non-fatal findings, e.g. losses not implemented yet.
    public var warnings: [SpecIssue]
    var recipes: [Scale: Recipe]

    /// The fully merged recipe for `scale`. A scale without a variant is the base recipe (= `full`).
    public func resolved(scale: Scale) -> Recipe {
        recipes[scale] ?? recipes[.full]!
    }

    /// Method ids over all scales, in first-seen order.
    public var methodIDs: [String] {
        var seen: [String] = []
        for s in Scale.allCases { for m in resolved(scale: s).methods where !seen.contains(m.id) { seen.append(m.id) } }
        return seen
    }
}
