import Contrastive

extension Recipe {
    /// Checks that need the whole recipe: feature layers the model has, views a method's loss consumes, claims
    /// naming this scale's methods and metrics. Errors are located at the node that is wrong, which may be in a variant or an include.
    func crossCheck(_ f: SpecReader.Fields, claimNodes: SpecNode?, _ r: SpecReader) {
        if let evalNodes = r.list(f["evaluation"], "evaluation") {
            for (e, item) in zip(evaluation, evalNodes) {
                let at = item.node.mapping?["features"]?.location ?? item.node.location
                if e.features == "fc7", model.backbone != "small-alexnet" {
                    r.error(at, item.path + ".features", "feature layer 'fc7' exists in small-alexnet only, not \(model.backbone)")
                }
                if e.features == "projector", model.projector == nil {
                    r.error(at, item.path + ".features", "feature layer 'projector' needs model.projector")
                }
            }
        }
        if let methodNodes = r.list(f["methods"], "methods") {
            checkOptimizerOverrides(methodNodes, r)
            for (m, item) in zip(methods, methodNodes) {
                guard let problem = Self.viewProblem(m) else { continue }
                r.error(item.node.mapping?["views"]?.location ?? item.node.location, item.path + ".views", problem)
            }
        }
        if model.projector == nil, let m = methods.first(where: { !$0.useProjector }), let node = f["methods"] {
            r.error(node.location, "methods", "method '\(m.id)' sets use_projector: false but the model has no projector")
        }
        guard let claimItems = r.list(claimNodes, "claims") else { return }
        for item in claimItems {
            guard let map = item.node.mapping, let idNode = map["id"], case .scalar(let idScalar) = idNode,
                  let claim = claims.first(where: { $0.id == idScalar.text }) else { continue }
            let keys = claim.kind == .nonInferiority || claim.kind == .interaction ? ("method", "baseline") : ("better", "worse")
            for key in ["from", "to"] {
                guard let c = key == "from" ? claim.from : claim.to, condition(c) == nil else { continue }
                let ids = conditions.map(\.id)
                r.error(map[key]?.location ?? item.node.location, item.path + "." + key,
                        ids.isEmpty ? "unknown condition '\(c)': this recipe declares no conditions at scale \(scale.rawValue)"
                            : "unknown condition '\(c)'" + EditDistance.hint(for: c, among: ids) + "; conditions: " + ids.joined(separator: ", "))
            }
            var named: [(key: String, name: String, node: SpecNode?)] = [(keys.0, claim.better, map[keys.0]), (keys.1, claim.worse, map[keys.1])]
                .compactMap { k, n, node in n.map { (k, $0, node) } }
            if let listed = claim.methods, case .sequence(let items, _)? = map["methods"] {
                named += zip(listed, items).enumerated().map { ("methods[\($0.offset)]", $0.element.0, $0.element.1) }
            }
            for (key, name, node) in named where method(name) == nil {
                let ids = methods.map(\.id)
                r.error(node?.location ?? item.node.location, item.path + "." + key,
                        "unknown method '\(name)' at scale \(scale.rawValue)" + EditDistance.hint(for: name, among: ids)
                        + "; methods: " + ids.joined(separator: ", "))
            }
            for key in ["metric", "against"] {
                guard let m = key == "metric" ? claim.metric : claim.against, let problem = metricProblem(m) else { continue }
                r.error(map[key]?.location ?? item.node.location, item.path + "." + key, problem)
            }
            if claim.kind == .correlation, (claim.methods?.count ?? methods.count) < 3 {
                r.error(map["methods"]?.location ?? item.node.location, item.path + ".methods",
                        "a rank correlation needs 3 encoders at least; \(claim.methods?.count ?? methods.count) at scale \(scale.rawValue)")
            }
        }
    }

    /// Why `method.views` does not fit its registered loss (CACR with K positives needs K + 1), or nil.
    static func viewProblem(_ method: MethodSpec) -> String? {
        // A memory-bank method trains on one view per image (its positive is the bank row), whatever its loss
        // consumes in batch form; LossCatalog.componentProblem checks that combination.
        if method.memoryBank != nil { return nil }
        guard let entry = LossRegistry.entry(named: method.loss.name),
              case .success(let parameters) = entry.resolve(method.loss.parameters) else { return nil }
        let needed = entry.views(parameters)   // declared by the entry: nothing is built to validate a spec
        guard needed != method.views else { return nil }
        return "loss '\(method.loss.name)' with these parameters consumes \(needed) views per image, found views: \(method.views)"
    }
}
