/// A paper's reported numbers (`expected/<id>.yaml`): one row per number, each with where it was read.
public struct ExpectedTable: Equatable, Sendable {
    public var paper: String
    public var file: String
    public var rows: [ExpectedRow]
    public var warnings: [SpecIssue]

    /// The rows that become absolute claims at `scale`.
    public func rows(for scale: Scale) -> [ExpectedRow] { rows.filter { $0.scale == scale } }
}

/// One reported number.
public struct ExpectedRow: Equatable, Sendable, Codable {
    public struct Provenance: Equatable, Sendable, Codable {
        /// `paper`, `repository`, `secondary` (third-party, must be unverified) or `calibration`.
        public var source: String
        /// Table/figure and row and column, repository file, or calibration run.
        public var ref: String
        public var verified: Bool
    }

    public var id: String
    public var method: String
    public var dataset: String
    /// `<evaluation id>.<measure>` of the recipe at `scale`.
    public var metric: String
    public var value: Double
    /// `percent`, `fraction` or `mse`.
    public var unit: String
    /// The paper's own standard deviation, when stated.
    public var spread: Double?
    /// Accepted half-width; nil = derived from `spread` by the comparison.
    public var tolerance: Double?
    public var scale: Scale
    public var provenance: Provenance

    static let keys = ["id", "method", "dataset", "metric", "value", "unit", "scale", "provenance"]

    static func decode(_ node: SpecNode, _ path: String, _ r: SpecReader) -> ExpectedRow? {
        guard let f = r.fields(node, path, required: keys, optional: ["spread", "tolerance"]) else { return nil }
        let id = r.identifier(f["id"], f.path("id"), dotted: true)
        let method = r.identifier(f["method"], f.path("method"))
        let dataset = r.name(f["dataset"], f.path("dataset"), among: KnownNames.datasets, what: "dataset")
        let metric = r.string(f["metric"], f.path("metric"))
        let unit = r.name(f["unit"], f.path("unit"), among: KnownNames.units, what: "unit")
        let value = r.double(f["value"], f.path("value"))
        if let value, let unit, let v = f["value"] {
            if unit == "percent", !(0...100).contains(value) { r.error(v.location, f.path("value"), "a percentage must be in [0, 100], found \(SpecReader.format(value))") }
            if unit == "fraction", !(0...1).contains(value) { r.error(v.location, f.path("value"), "a fraction must be in [0, 1], found \(SpecReader.format(value))") }
            if unit == "mse", value < 0 { r.error(v.location, f.path("value"), "must be >= 0, found \(SpecReader.format(value))") }
        }
        let spread = r.double(f["spread"], f.path("spread"), .nonNegative)
        let tolerance = r.double(f["tolerance"], f.path("tolerance"), .nonNegative)
        let scale = r.name(f["scale"], f.path("scale"), among: Scale.allCases.map(\.rawValue), what: "scale").flatMap(Scale.init)
        var provenance: Provenance?
        if let p = r.fields(f["provenance"], f.path("provenance"), required: ["source", "ref", "verified"]) {
            let source = r.name(p["source"], p.path("source"), among: KnownNames.provenanceSources, what: "provenance source")
            let ref = r.string(p["ref"], p.path("ref"))
            let verified = r.bool(p["verified"], p.path("verified"))
            if source == "secondary", verified == true {
                r.error(p["verified"]!.location, p.path("verified"), "a secondary source must say verified: false")
            }
            if let source, let ref, let verified { provenance = Provenance(source: source, ref: ref, verified: verified) }
        }
        guard let id, let method, let dataset, let metric, let value, let unit, let scale, let provenance else { return nil }
        return ExpectedRow(id: id, method: method, dataset: dataset, metric: metric, value: value, unit: unit,
                           spread: spread, tolerance: tolerance, scale: scale, provenance: provenance)
    }
}
