/// Numeric optimizer settings one method trains with instead of the recipe's: a method's
/// `optimizer: {lr: 0.1}`, or what a `sweep: {parameter: optimizer.lr, values: [...]}` sets per expanded method.
///
/// Wang & Isola rank encoders trained with different learning rates as well as loss weights, so a
/// correlation claim needs encoders that differ in an optimizer setting; everything else about the
/// optimizer (its name, schedule, betas) stays the recipe's, so the methods remain comparable.
public struct OptimizerOverride: Equatable, Sendable, Codable {
    /// Spec keys (`lr`, `weight_decay`, ...) to values.
    public var values: [String: Double]

    public init(_ values: [String: Double]) { self.values = values }

    /// The keys a method may set, with their bounds.
    static let keys: [(String, SpecReader.Bound)] = [
        ("lr", .positive), ("momentum", .probability), ("weight_decay", .nonNegative),
        ("eps", .positive), ("trust_coefficient", .positive),
    ]
    static var keyNames: [String] { keys.map(\.0) }
    /// A sweep parameter naming an optimizer key: `optimizer.lr`.
    static let sweepPrefix = "optimizer."

    static func bound(_ key: String) -> SpecReader.Bound? { keys.first { $0.0 == key }?.1 }

    /// Reads `optimizer: {lr: ..., ...}` on a method.
    static func decode(_ node: SpecNode?, _ path: String, _ r: SpecReader) -> OptimizerOverride? {
        guard let f = r.fields(node, path, required: [], optional: keyNames) else { return nil }
        var values: [String: Double] = [:]
        for (key, bound) in keys where f.has(key) {
            guard let v = r.double(f[key], f.path(key), bound) else { return nil }
            values[key] = v
        }
        if values.isEmpty { r.error(f.location, path, "a method's optimizer needs at least one of: " + keyNames.joined(separator: ", ")) }
        return values.isEmpty ? nil : OptimizerOverride(values)
    }

    /// The recipe's optimizer with these values in place.
    public func applied(to o: OptimizerSpec) -> OptimizerSpec {
        var o = o
        for (key, v) in values {
            switch key {
            case "lr": o.lr = v
            case "momentum": o.momentum = v
            case "weight_decay": o.weightDecay = v
            case "eps": o.eps = v
            case "trust_coefficient": o.trustCoefficient = v
            default: preconditionFailure("OptimizerOverride.decode admits only its keys, found '\(key)'")
            }
        }
        return o
    }

    /// Why `key` cannot be set for `optimizer` (the recipe's, after its scale's variant), or nil.
    static func problem(key: String, optimizer: String) -> String? {
        OptimizerSpec.otherOptimizers(for: key, name: optimizer)
            .map { "optimizer '\(key)' applies to \($0), not this recipe's \(optimizer)" }
    }
}

extension Recipe {
    /// A method's optimizer keys (its own `optimizer:` and an `optimizer.` sweep) must fit the recipe's optimizer.
    func checkOptimizerOverrides(_ methodNodes: [(node: SpecNode, path: String)], _ r: SpecReader) {
        for item in methodNodes {
            guard let map = item.node.mapping else { continue }
            var uses: [(String, SpecNode, String)] = []
            if let o = map["optimizer"]?.mapping {
                uses += o.entries.map { ($0.key, $0.value, item.path + ".optimizer." + $0.key) }
            }
            if let s = map["sweep"]?.mapping, let p = s["parameter"], case .scalar(let sc) = p,
               sc.text.hasPrefix(OptimizerOverride.sweepPrefix) {
                uses.append((String(sc.text.dropFirst(OptimizerOverride.sweepPrefix.count)), p, item.path + ".sweep.parameter"))
            }
            for (key, node, path) in uses {
                if let message = OptimizerOverride.problem(key: key, optimizer: optimizer.name) { r.error(node.location, path, message) }
            }
        }
    }
}
