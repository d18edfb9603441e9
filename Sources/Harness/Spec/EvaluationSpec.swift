/// One evaluation of a trained encoder; it produces metrics named `<id>.<measure>` (e.g. `linear-fc7.top1`).
///
/// One struct for all protocols: each protocol accepts only its own keys (see `keys(for:)`), so a `k` on a
/// linear probe is an "unknown key" error rather than a silently ignored value.
public struct EvaluationSpec: Equatable, Sendable, Codable {
    public var id: String
    /// `linear-probe`, `knn`, `retrieval` (positive-view retrieval top-1), `alignment-uniformity`, `few-label`.
    public var `protocol`: String
    /// `encoder`, `projector`, `output` or `fc7` (see `KnownNames.features`).
    public var features: String
    /// Use only this many images of the evaluation train / test split (seeded subset).
    public var trainSubset: Int?
    public var testSubset: Int?
    // Trained heads (linear-probe, few-label).
    public var optimizer: OptimizerSpec?
    public var epochs: Int?
    public var steps: Int?
    public var batchSize: Int?
    public var milestones: [Int]?
    public var gamma: Double?
    public var schedule: ScheduleSpec?
    /// `final` (last epoch) or `best` (best test accuracy over epochs, as CACR's script reports).
    public var select: String?
    /// Hidden widths of a non-linear head (few-label).
    public var hidden: [Int]?
    // knn
    public var k: Int?
    /// Weighted kNN temperature; nil = unweighted majority vote.
    public var temperature: Double?
    // alignment-uniformity
    public var alpha: Double?
    public var t: Double?
    // few-label
    public var labelsPerClass: Int?
    public var trials: Int?
    public var note: String?

    static func keys(for protocolName: String) -> (required: [String], optional: [String]) {
        let common = ["train_subset", "test_subset", "note"]
        let head = ["milestones", "gamma", "schedule", "select", "steps"]
        switch protocolName {
        case "linear-probe": return (["optimizer", "epochs"], common + head + ["batch_size"])  // lbfgs is full-batch
        case "knn": return (["k"], common + ["temperature"])
        case "retrieval": return ([], common)
        case "alignment-uniformity": return (["alpha", "t"], common)
        case "few-label": return (["labels_per_class", "trials"], common + head + ["optimizer", "batch_size", "epochs", "hidden"])
        default: return ([], common + head + ["optimizer", "epochs", "batch_size", "k", "temperature", "alpha", "t",
                                              "labels_per_class", "trials", "hidden"])
        }
    }

    /// The measures this evaluation reports.
    public var measures: [String] { KnownNames.measures(of: `protocol`) }

    static func decode(_ node: SpecNode, _ path: String, _ r: SpecReader) -> EvaluationSpec? {
        // Read the protocol first: it decides which keys are allowed.
        var protocolName: String?
        if let map = node.mapping, let p = map["protocol"], !p.isNull {
            protocolName = r.name(p, SpecReader.join(path, "protocol"), among: KnownNames.protocols, what: "protocol")
        }
        let keys = keys(for: protocolName ?? "")
        guard let f = r.fields(node, path, required: ["id", "protocol", "features"] + keys.required, optional: keys.optional)
        else { return nil }
        let id = r.identifier(f["id"], f.path("id"))
        let features = r.name(f["features"], f.path("features"), among: KnownNames.features, what: "feature layer")
        var e = EvaluationSpec(id: id ?? "", protocol: protocolName ?? "", features: features ?? "")
        e.trainSubset = r.int(f["train_subset"], f.path("train_subset"), .positive)
        e.testSubset = r.int(f["test_subset"], f.path("test_subset"), .positive)
        e.optimizer = OptimizerSpec.decode(f["optimizer"], f.path("optimizer"), r)
        e.epochs = r.int(f["epochs"], f.path("epochs"), .positive)
        e.steps = r.int(f["steps"], f.path("steps"), .positive)
        e.batchSize = r.int(f["batch_size"], f.path("batch_size"), .positive)
        e.milestones = r.ints(f["milestones"], f.path("milestones"), .positive)
        e.gamma = r.double(f["gamma"], f.path("gamma"), .positive)
        e.schedule = ScheduleSpec.decode(f["schedule"], f.path("schedule"), r)
        if f.has("schedule"), let m = f["milestones"] ?? f["gamma"] {
            r.error(m.location, f.path(f.has("milestones") ? "milestones" : "gamma"),
                    "give either 'schedule' or 'milestones'/'gamma', not both")
        }
        e.select = r.name(f["select"], f.path("select"), among: KnownNames.probeSelections, what: "selection")
        e.hidden = r.ints(f["hidden"], f.path("hidden"), .positive)
        e.k = r.int(f["k"], f.path("k"), .positive)
        e.temperature = r.double(f["temperature"], f.path("temperature"), .positive)
        e.alpha = r.double(f["alpha"], f.path("alpha"), .positive)
        e.t = r.double(f["t"], f.path("t"), .positive)
        e.labelsPerClass = r.int(f["labels_per_class"], f.path("labels_per_class"), .positive)
        e.trials = r.int(f["trials"], f.path("trials"), .positive)
        e.note = r.string(f["note"], f.path("note"))
        return id == nil || protocolName == nil || features == nil ? nil : e
    }

    init(id: String, protocol: String, features: String) {
        self.id = id; self.protocol = `protocol`; self.features = features
    }
}
