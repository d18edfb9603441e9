/// A condition of a spec: a named variant of its data (e.g. balanced and class-imbalanced), so one spec holds
/// the settings an interaction claim compares. Every method trains under every condition. The first condition's
/// trials keep the plain method id; the others' are `<method>@<condition>`.
public struct ConditionSpec: Equatable, Sendable, Codable {
    public var id: String
    /// The recipe's data with the condition's `data` keys merged over it.
    public var data: DataSpec

    /// The trial method id of `method` under `condition` (`first` = the spec's first condition).
    public static func methodID(_ method: String, condition: String, first: Bool) -> String {
        first ? method : "\(method)@\(condition)"
    }

    /// Decodes `conditions: [{id, data: {...}}]`, each `data` merged over the recipe's `data` node.
    static func decodeList(_ node: SpecNode?, data base: SpecNode?, _ r: SpecReader) -> [ConditionSpec]? {
        guard let items = r.list(node, "conditions") else { return nil }
        var out: [ConditionSpec] = []
        var seen: Set<String> = []
        for item in items {
            guard let f = r.fields(item.node, item.path, required: ["id", "data"]) else { continue }
            guard let id = r.identifier(f["id"], f.path("id")) else { continue }
            if !seen.insert(id).inserted { r.error(f["id"]!.location, f.path("id"), "duplicate condition id '\(id)'") }
            guard let over = f["data"] else { continue }
            let merged = base.map { SpecNode.merge($0, over) } ?? over
            guard let data = DataSpec.decode(merged, f.path("data"), r) else { continue }
            out.append(ConditionSpec(id: id, data: data))
        }
        if out.count == 1, let n = node { r.error(n.location, "conditions", "one condition is the recipe itself: give two or more, or none") }
        return out.count == items.count ? out : nil
    }
}
