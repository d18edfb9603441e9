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
            for key in ["better", "worse"] {
                guard let name = key == "better" ? claim.better : claim.worse, method(name) == nil else { continue }
                let ids = methods.map(\.id)
                r.error(map[key]?.location ?? item.node.location, item.path + "." + key,
                        "unknown method '\(name)' at scale \(scale.rawValue)" + EditDistance.hint(for: name, among: ids)
                        + "; methods: " + ids.joined(separator: ", "))
            }
            if let problem = metricProblem(claim.metric) {
                r.error(map["metric"]?.location ?? item.node.location, item.path + ".metric", problem)
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
