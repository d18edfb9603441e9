/// One method a paper compares: a loss with its parameters and the components it trains with.
public struct MethodSpec: Equatable, Sendable, Codable {
    public struct Loss: Equatable, Sendable, Codable {
        /// A `LossRegistry` name.
        public var name: String
        /// The loss's numeric parameters, as the registry declares them.
        public var parameters: [String: Double]
    }
    /// An exponential-moving-average key encoder (MoCo).
    public struct MomentumEncoder: Equatable, Sendable, Codable {
        public var momentum: Double
        /// Shuffling BatchNorm across devices (MoCo); nil when not stated.
        public var shuffleBN: Bool?
    }
    public struct Queue: Equatable, Sendable, Codable { public var size: Int }
    /// A memory bank of one embedding per training image (instance discrimination).
    public struct MemoryBank: Equatable, Sendable, Codable {
        /// Rows in the bank; nil = one per training image (`size: all`).
        public var size: Int?
        /// Update momentum of a bank row (0 = replace).
        public var momentum: Double
        /// Negatives drawn from the bank per query.
        public var negatives: Int?
    }

    public var id: String
    public var label: String
    public var loss: Loss
    /// Augmented views per image (2; 1 for instance discrimination with a memory bank; K+1 for CACR with K positives).
    public var views: Int
    public var momentumEncoder: MomentumEncoder?
    public var queue: Queue?
    public var memoryBank: MemoryBank?
    /// False when the loss is applied to the backbone features directly (ManifoldCLR without projection head).
    public var useProjector: Bool
    /// One method per value of a loss or optimizer parameter; nil once expanded (`Recipe.methods` holds expanded methods).
    public var sweep: MethodSweep?
    /// Optimizer settings this method trains with instead of the recipe's (its own or its sweep's); nil: the recipe's.
    public var optimizer: OptimizerOverride?

    static func decode(_ node: SpecNode, _ path: String, _ r: SpecReader) -> MethodSpec? {
        guard let f = r.fields(node, path, required: ["id", "label", "loss"],
                               optional: ["views", "momentum_encoder", "queue", "memory_bank", "use_projector", "sweep", "optimizer"]) else { return nil }
        let id = r.identifier(f["id"], f.path("id"))
        let label = r.string(f["label"], f.path("label"))
        let loss = decodeLoss(f["loss"], f.path("loss"), r)
        let views = f.has("views") ? r.int(f["views"], f.path("views"), .atLeast(1)) : 2
        var momentum: MomentumEncoder?
        if let m = r.fields(f["momentum_encoder"], f.path("momentum_encoder"), required: ["momentum"], optional: ["shuffle_bn"]),
           let value = r.double(m["momentum"], m.path("momentum"), .probability) {
            momentum = MomentumEncoder(momentum: value, shuffleBN: r.bool(m["shuffle_bn"], m.path("shuffle_bn")))
        }
        var queue: Queue?
        if let q = r.fields(f["queue"], f.path("queue"), required: ["size"]), let size = r.int(q["size"], q.path("size"), .positive) {
            queue = Queue(size: size)
        }
        var bank: MemoryBank?
        if let b = r.fields(f["memory_bank"], f.path("memory_bank"), required: ["size", "momentum"], optional: ["negatives"]) {
            var size: Int?? = nil
            if let s = b["size"] {
                if case .scalar(let sc) = s, sc.text == "all" { size = .some(nil) } else {
                    size = r.int(s, b.path("size"), .positive).map { .some($0) }
                }
            }
            if let size, let m = r.double(b["momentum"], b.path("momentum"), .probability) {
                bank = MemoryBank(size: size, momentum: m, negatives: r.int(b["negatives"], b.path("negatives"), .positive))
            }
        }
        let useProjector = f.has("use_projector") ? r.bool(f["use_projector"], f.path("use_projector")) : true
        let sweep = f.has("sweep") ? MethodSweep.decode(f["sweep"], f.path("sweep"), loss: loss, lossNode: f["loss"], r) : nil
        let optimizer = f.has("optimizer") ? OptimizerOverride.decode(f["optimizer"], f.path("optimizer"), r) : nil
        guard let id, let label, let loss, let views, let useProjector, !f.has("sweep") || sweep != nil,
              !f.has("optimizer") || optimizer != nil else { return nil }
        let method = MethodSpec(id: id, label: label, loss: loss, views: views, momentumEncoder: momentum, queue: queue,
                                memoryBank: bank, useProjector: useProjector, sweep: sweep, optimizer: optimizer)
        if let problem = LossCatalog.componentProblem(method, viewsGiven: f.has("views")) {
            let at = f[String(problem.key.prefix { $0 != "." })] ?? f["loss"]
            r.error(at?.location ?? f.location, f.path(problem.key), problem.message)
        }
        return method
    }

    /// `{name: ..., <parameter>: <number>, ...}`: the parameter keys are the loss's, checked by `LossCatalog`.
    private static func decodeLoss(_ node: SpecNode?, _ path: String, _ r: SpecReader) -> Loss? {
        guard let node, !node.isNull else { return nil }
        guard case .mapping(let map) = node else {
            r.error(node.location, path, "expected a mapping, found \(node.shortDescription)")
            return nil
        }
        guard let nameEntry = map.entries.first(where: { $0.key == "name" }) else {
            r.error(map.location, SpecReader.join(path, "name"), "missing required key 'name'")
            return nil
        }
        guard let name = r.string(nameEntry.value, SpecReader.join(path, "name")) else { return nil }
        var parameters: [(key: String, value: Double, node: SpecNode)] = []
        var ok = true
        for entry in map.entries where entry.key != "name" {
            if let v = r.double(entry.value, SpecReader.join(path, entry.key)) {
                parameters.append((entry.key, v, entry.value))
            } else { ok = false }
        }
        LossCatalog.check(name: name, nameNode: nameEntry.value, path: path, parameters: parameters, reader: r)
        guard ok else { return nil }
        return Loss(name: name, parameters: Dictionary(parameters.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }))
    }
}
