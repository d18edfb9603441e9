/// Everything one scale of a paper runs with: the spec's base recipe with that scale's variant merged in,
/// and only the claims that apply at that scale. Trials are pure functions of a recipe (plus method and seed).
public struct Recipe: Equatable, Sendable, Codable {
    /// Most seeds a run may ask for (spec or `--seeds`): the trials, their results and the statistics are
    /// all per seed, so an absurd count must be refused up front rather than fail an allocation.
    public static let maximumSeeds = 1000

    public var id: String
    public var scale: Scale
    public var paper: PaperMetadata
    public var checklist: [ChecklistEntry]
    public var hardware: HardwareSpec?
    public var data: DataSpec
    public var augment: AugmentSpec
    public var model: ModelSpec
    public var methods: [MethodSpec]
    public var optimizer: OptimizerSpec
    public var schedule: ScheduleSpec
    public var epochs: Int
    /// Cap on optimizer steps (smoke runs use it instead of whole epochs).
    public var steps: Int?
    /// Images per step before augmentation (N); the loss sees V*N views.
    public var batchSize: Int
    /// Seeds a run uses by default.
    public var seeds: Int
    public var evaluation: [EvaluationSpec]
    public var claims: [ClaimSpec]
    /// Named variants of `data` every method also trains under (docs/spec.md, "Conditions"); empty = none.
    public var conditions: [ConditionSpec] = []

    /// The spec's top-level keys, in the order `show` writes them.
    static let topLevelKeys = ["version", "id", "include", "paper", "checklist", "hardware", "data", "augment", "model",
                               "methods", "optimizer", "schedule", "epochs", "steps", "batch_size", "seeds",
                               "evaluation", "conditions", "claims", "variants"]
    static let requiredKeys = ["version", "id", "paper", "checklist", "data", "model", "methods", "optimizer",
                               "schedule", "epochs", "batch_size", "evaluation"]
    /// Keys a variant may override.
    static let variantKeys = ["hardware", "data", "augment", "model", "methods", "optimizer", "schedule", "epochs",
                              "steps", "batch_size", "seeds", "evaluation", "conditions", "claims"]

    public func method(_ id: String) -> MethodSpec? { methods.first { $0.id == id } }
    public func condition(_ id: String) -> ConditionSpec? { conditions.first { $0.id == id } }

    /// Every trial of a run with `seeds` seeds: each method under each condition (or once without conditions).
    public func trialConfigs(seeds: Int, threads: EngineThreads? = nil) -> [TrialConfig] {
        if conditions.isEmpty {
            return methods.flatMap { m in (0..<seeds).map { TrialConfig(recipe: self, method: m, seed: $0, threads: threads) } }
        }
        return conditions.enumerated().flatMap { i, c in
            var r = self
            r.data = c.data
            return methods.flatMap { m in
                var m = m
                m.id = ConditionSpec.methodID(m.id, condition: c.id, first: i == 0)
                return (0..<seeds).map { TrialConfig(recipe: r, method: m, seed: $0, threads: threads) }
            }
        }
    }
    public func evaluation(_ id: String) -> EvaluationSpec? { evaluation.first { $0.id == id } }

    /// Why `metric` is not a metric of this recipe (`loss` or `<evaluation id>.<measure>`), or nil when it is.
    public func metricProblem(_ metric: String) -> String? {
        if KnownNames.trainingMetrics.contains(metric) { return nil }
        let parts = metric.split(separator: ".", maxSplits: 1).map(String.init)
        let ids = evaluation.map(\.id)
        guard parts.count == 2, let e = self.evaluation(parts[0]) else {
            return "unknown metric '\(metric)' at scale \(scale.rawValue): use 'loss' or '<evaluation id>.<measure>' with an "
                + "evaluation id of [\(ids.joined(separator: ", "))]" + EditDistance.hint(for: parts[0], among: ids)
        }
        guard e.measures.contains(parts[1]) else {
            return "evaluation '\(e.id)' (\(e.protocol)) reports \(e.measures.joined(separator: ", ")), not '\(parts[1])'"
                + EditDistance.hint(for: parts[1], among: e.measures)
        }
        return nil
    }

    /// Decodes a merged top-level mapping (includes resolved, the scale's variant applied, `variants` removed).
    /// `fileID` is the paper id the file name implies; nil for fragments.
    static func decode(_ node: SpecNode, scale: Scale, fileID: String?, _ r: SpecReader) -> Recipe? {
        guard let f = r.fields(node, "", required: r.partial ? [] : requiredKeys,
                               optional: r.partial ? topLevelKeys : topLevelKeys.filter { !requiredKeys.contains($0) })
        else { return nil }
        if let v = f["version"], let version = r.int(v, "version"), version != 1 {
            r.error(v.location, "version", "unsupported version \(version): this tool reads version 1")
        }
        let id = r.identifier(f["id"], "id")
        if let id, let fileID, id != fileID {
            r.error(f["id"]!.location, "id", "id '\(id)' must equal the file name '\(fileID)'")
        }
        let paper = PaperMetadata.decode(f["paper"], "paper", r)
        let checklist = Checklist.decode(f["checklist"], "checklist", r)
        let hardware = HardwareSpec.decode(f["hardware"], "hardware", r)
        let data = DataSpec.decode(f["data"], "data", r)
        let augment = AugmentSpec.decode(f["augment"], "augment", r)
        let model = ModelSpec.decode(f["model"], "model", r)
        let declared = decodeList(f["methods"], "methods", r, MethodSpec.decode, id: \.id, noun: "method")
        let methods = declared.map { $0.flatMap(\.expanded) }
        if let methods, let node = f["methods"] {
            var seen = Set<String>()
            for m in methods where !seen.insert(m.id).inserted {
                r.error(node.location, "methods", "method id '\(m.id)' appears twice once sweeps are expanded")
            }
        }
        let optimizer = OptimizerSpec.decode(f["optimizer"], "optimizer", r)
        let schedule = ScheduleSpec.decode(f["schedule"], "schedule", r)
        let epochs = r.int(f["epochs"], "epochs", .positive)
        let steps = r.int(f["steps"], "steps", .positive)
        let batch = r.int(f["batch_size"], "batch_size", .positive)
        let seeds = f.has("seeds") ? r.int(f["seeds"], "seeds", .within(1...Double(Recipe.maximumSeeds))) : 1
        let evaluation = decodeList(f["evaluation"], "evaluation", r, EvaluationSpec.decode, id: \.id, noun: "evaluation")
        let conditions = f.has("conditions") ? ConditionSpec.decodeList(f["conditions"], data: f["data"], r) : []
        let claims = f.has("claims") ? decodeList(f["claims"], "claims", r, ClaimSpec.decode, id: \.id, noun: "claim") : []
        if let methods, methods.isEmpty, let m = f["methods"] { r.error(m.location, "methods", "at least one method is required") }

        guard !r.partial, let id, let paper, let checklist, let data, let model, let methods, !methods.isEmpty,
              let optimizer, let schedule, let epochs, let batch, let seeds, let evaluation, let claims, let conditions else { return nil }
        let recipe = Recipe(id: id, scale: scale, paper: paper, checklist: checklist, hardware: hardware, data: data,
                            augment: augment ?? AugmentSpec(), model: model, methods: methods, optimizer: optimizer,
                            schedule: schedule, epochs: epochs, steps: steps, batchSize: batch, seeds: seeds,
                            evaluation: evaluation, claims: claims.filter { $0.scales.contains(scale) }, conditions: conditions)
        recipe.crossCheck(f, claimNodes: f["claims"], r)
        return recipe
    }

    /// Decodes a list of mappings and reports repeated ids.
    private static func decodeList<T>(_ node: SpecNode?, _ path: String, _ r: SpecReader,
                                      _ decode: (SpecNode, String, SpecReader) -> T?, id: KeyPath<T, String>,
                                      noun: String) -> [T]? {
        guard let items = r.list(node, path) else { return nil }
        var values: [T] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            guard let value = decode(item.node, item.path, r) else { continue }
            let key = value[keyPath: id]
            if let first = seen[key] {
                r.error(item.node.location, item.path + ".id", "duplicate \(noun) id '\(key)' (first at \(path)[\(first)])")
            } else { seen[key] = i }
            values.append(value)
        }
        return values.count == items.count ? values : nil
    }
}
