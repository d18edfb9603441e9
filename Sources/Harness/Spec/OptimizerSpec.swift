/// An optimizer and its hyper-parameters; unstated ones stay nil (the optimizer's own default applies).
public struct OptimizerSpec: Equatable, Sendable, Codable {
    public var name: String
    public var lr: Double
    public var momentum: Double?
    public var nesterov: Bool?
    public var weightDecay: Double?
    /// Adam/AdamW (beta1, beta2).
    public var betas: [Double]?
    public var eps: Double?
    /// Exclude BatchNorm and bias parameters from weight decay (and from LARS adaptation).
    public var excludeBNBias: Bool?
    /// LARS trust coefficient.
    public var trustCoefficient: Double?

    static let optionalKeys = ["momentum", "nesterov", "weight_decay", "betas", "eps", "exclude_bn_bias", "trust_coefficient"]
    /// The optimizers a key means something to (keys not listed apply to all). The recipe's own optimizer is held
    /// to `betas` and `trust_coefficient`; a method's override (`OptimizerOverride`) to every listed key it sets.
    static let usedBy: [String: [String]] = ["betas": ["adam", "adamw"], "trust_coefficient": ["lars"],
                                             "momentum": ["sgd", "lars"], "eps": ["adam", "adamw"]]

    /// The optimizers `key` applies to, as a message part (`adam/adamw`), when `name` is not one of them.
    static func otherOptimizers(for key: String, name: String) -> String? {
        guard let names = usedBy[key], !names.contains(name) else { return nil }
        return names.joined(separator: "/")
    }

    static func decode(_ node: SpecNode?, _ path: String, _ r: SpecReader) -> OptimizerSpec? {
        guard let f = r.fields(node, path, required: ["name", "lr"], optional: optionalKeys) else { return nil }
        let name = r.name(f["name"], f.path("name"), among: KnownNames.optimizers, what: "optimizer")
        let lr = r.double(f["lr"], f.path("lr"), .positive)
        let betas = r.doubles(f["betas"], f.path("betas"), count: 2)
        if let betas, let b = f["betas"], !betas.allSatisfy({ $0 >= 0 && $0 < 1 }) {
            r.error(b.location, f.path("betas"), "each beta must be in [0, 1)")
        }
        if let name, let b = f["betas"], let names = otherOptimizers(for: "betas", name: name) {
            r.error(b.location, f.path("betas"), "betas apply to \(names), not \(name)")
        }
        if let name, let t = f["trust_coefficient"], let names = otherOptimizers(for: "trust_coefficient", name: name) {
            r.error(t.location, f.path("trust_coefficient"), "trust_coefficient applies to \(names), not \(name)")
        }
        let spec = OptimizerSpec(
            name: name ?? "", lr: lr ?? 0,
            momentum: r.double(f["momentum"], f.path("momentum"), .probability),
            nesterov: r.bool(f["nesterov"], f.path("nesterov")),
            weightDecay: r.double(f["weight_decay"], f.path("weight_decay"), .nonNegative),
            betas: betas, eps: r.double(f["eps"], f.path("eps"), .positive),
            excludeBNBias: r.bool(f["exclude_bn_bias"], f.path("exclude_bn_bias")),
            trustCoefficient: r.double(f["trust_coefficient"], f.path("trust_coefficient"), .positive))
        return name == nil || lr == nil ? nil : spec
    }
}

/// A learning-rate schedule, a pure function of the epoch (or step) in the engine.
public struct ScheduleSpec: Equatable, Sendable, Codable {
    public var name: String
    /// Epochs at which `multistep` multiplies the rate by `gamma`.
    public var milestones: [Int]?
    public var gamma: Double?
    /// Linear warm-up epochs (`warmup-cosine`).
    public var warmupEpochs: Int?
    /// Rate reached at the end (`cosine`, `warmup-cosine`: eta_min; `exponential`: the final rate).
    public var finalLR: Double?

    static func decode(_ node: SpecNode?, _ path: String, _ r: SpecReader) -> ScheduleSpec? {
        guard let f = r.fields(node, path, required: ["name"], optional: ["milestones", "gamma", "warmup_epochs", "final_lr"])
        else { return nil }
        guard let name = r.name(f["name"], f.path("name"), among: KnownNames.schedules, what: "schedule") else { return nil }
        let spec = ScheduleSpec(name: name, milestones: r.ints(f["milestones"], f.path("milestones"), .positive),
                                gamma: r.double(f["gamma"], f.path("gamma"), .positive),
                                warmupEpochs: r.int(f["warmup_epochs"], f.path("warmup_epochs"), .nonNegative),
                                finalLR: r.double(f["final_lr"], f.path("final_lr"), .nonNegative))
        spec.checkConsistency(f, r)
        return spec
    }

    func checkConsistency(_ f: SpecReader.Fields, _ r: SpecReader) {
        if name == "multistep" {
            for key in ["milestones", "gamma"] where !f.has(key) && !r.partial {
                r.error(f.location, f.path(key), "schedule 'multistep' needs '\(key)'")
            }
            if let m = milestones, m != m.sorted() || Set(m).count != m.count {
                r.error(f["milestones"]!.location, f.path("milestones"), "milestones must be strictly increasing")
            }
        } else {
            for key in ["milestones", "gamma"] where f.has(key) {
                r.error(f[key]!.location, f.path(key), "'\(key)' applies to schedule 'multistep', not '\(name)'")
            }
        }
        if name != "warmup-cosine", let w = f["warmup_epochs"], warmupEpochs ?? 0 > 0 {
            r.error(w.location, f.path("warmup_epochs"), "warm-up applies to schedule 'warmup-cosine', not '\(name)'")
        }
    }
}
