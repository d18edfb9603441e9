import Contrastive

/// Checks a method's `loss` against the loss registry (`Contrastive.LossRegistry`).
///
/// Losses a paper spec needs but that nobody has registered yet are listed in `pending` with the parameter
/// names the specs use: they validate by name and number, and every use is reported as a warning
/// ("not implemented yet"), never silently. Once a name is registered, the registry's entry wins and its
/// parameter names and ranges are enforced. While the registry is completely empty, names outside `pending`
/// cannot be checked either; that too is a warning.
enum LossCatalog {
    static let pending: [(name: String, parameters: [String])] = []

    /// Names a spec may use: registered ones, then pending ones not registered yet.
    static var knownNames: [String] {
        LossRegistry.names + pending.map(\.name).filter { LossRegistry.entry(named: $0) == nil }
    }

    /// Validates `parameters` (already read as numbers, with their nodes) for loss `name`.
    static func check(name: String, nameNode: SpecNode, path: String,
                      parameters: [(key: String, value: Double, node: SpecNode)], reader r: SpecReader) {
        for p in parameters where p.key.contains("temperature") && p.value <= 0 {
            r.error(p.node.location, SpecReader.join(path, p.key), "must be > 0, found \(SpecReader.format(p.value))")
        }
        if let entry = LossRegistry.entry(named: name) {
            let given = Dictionary(parameters.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            switch entry.resolve(given) {
            case .success: break
            case .failure(.unknown(let key, let known)):
                let at = parameters.first { $0.key == key }?.node.location ?? nameNode.location
                r.error(at, SpecReader.join(path, key),
                        "unknown key '\(key)'" + EditDistance.hint(for: key, among: known)
                        + "; loss '\(name)' takes: " + known.joined(separator: ", "))
            case .failure(.outOfRange(let key, let value, let range)):
                let at = parameters.first { $0.key == key }?.node.location ?? nameNode.location
                r.error(at, SpecReader.join(path, key), "must be in [\(SpecReader.format(range.lowerBound)), "
                        + "\(SpecReader.format(range.upperBound))], found \(SpecReader.format(value))")
            case .failure(.notInteger(let key, let value)):
                let at = parameters.first { $0.key == key }?.node.location ?? nameNode.location
                r.error(at, SpecReader.join(path, key), "must be a whole number, found \(SpecReader.format(value))")
            }
            return
        }
        if let declared = pending.first(where: { $0.name == name }) {
            for p in parameters where !declared.parameters.contains(p.key) {
                r.error(p.node.location, SpecReader.join(path, p.key),
                        "unknown key '\(p.key)'" + EditDistance.hint(for: p.key, among: declared.parameters)
                        + "; loss '\(name)' takes: " + declared.parameters.joined(separator: ", "))
            }
            r.warning(nameNode.location, SpecReader.join(path, "name"), "loss '\(name)' not implemented yet (pending registration)")
            return
        }
        if LossRegistry.entries.isEmpty {
            r.warning(nameNode.location, SpecReader.join(path, "name"), "loss registry is empty: loss '\(name)' cannot be checked")
            return
        }
        r.error(nameNode.location, SpecReader.join(path, "name"),
                "unknown loss '\(name)'" + EditDistance.hint(for: name, among: knownNames) + "; known: " + knownNames.joined(separator: ", "))
    }

    /// The training components a loss needs, as its registry entry declares them (`LossEntry.components`),
    /// checked against the method's: a bank method trains on one view, a momentum method on two, and a loss
    /// declared `.batch` takes none of these components. Returns the offending key and the message, or nil.
    static func componentProblem(_ m: MethodSpec, viewsGiven: Bool) -> (key: String, message: String)? {
        let name = m.loss.name
        let momentum = m.momentumEncoder != nil && m.queue != nil
        let bank = m.memoryBank != nil
        if bank, m.momentumEncoder != nil || m.queue != nil {
            return ("memory_bank", "a method has a memory bank or a momentum encoder with a queue, not both")
        }
        if (m.momentumEncoder != nil) != (m.queue != nil) {
            return (m.queue == nil ? "momentum_encoder" : "queue", "momentum_encoder and queue go together (MoCo)")
        }
        // An unregistered name is reported by `check`; its components are unknown.
        let components = LossRegistry.entry(named: name)?.components
        if let components, !components.accepts(momentum: momentum, bank: bank) {
            guard components == .batch else { return ("loss.name", "loss '\(name)' needs \(components.requirement)") }
            let users = LossRegistry.entries.filter { $0.components != .batch }.map(\.name)
            return ("loss.name", "loss '\(name)' takes no memory bank, momentum encoder or queue (those are for: "
                    + users.joined(separator: ", ") + ")")
        }
        if bank, m.views != 1 {
            return ("views", "a memory-bank method trains on one view per image: set views: 1"
                    + (viewsGiven ? ", found \(m.views)" : " (the default is 2)"))
        }
        if momentum, m.views != 2 {
            return ("views", "a momentum-encoder method takes 2 views (query and key), found \(m.views)")
        }
        if components == .batch, m.views == 1 {
            return ("views", "loss '\(name)' needs at least 2 views, found 1")
        }
        return nil
    }
}
