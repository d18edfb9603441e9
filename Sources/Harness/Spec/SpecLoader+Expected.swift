import Foundation

extension SpecLoader {
    /// Decodes `expected/<id>.yaml` and, when the paper's spec is valid, checks each row against the recipe of
    /// the row's scale (its method exists there, its metric is one that recipe's evaluations report).
    func decodeExpected(at url: URL, id: String, spec: PaperSpec?, _ r: SpecReader) -> ExpectedTable? {
        let file = display(url)
        guard let text = readText(url, file: file, r) else { return nil }
        var issues: [SpecIssue] = []
        guard let tree = SpecNode.parse(text, file: file, issues: &issues) else { r.add(issues); return nil }
        r.add(issues)
        guard let f = r.fields(tree, "", required: ["version", "paper", "rows"]) else { return nil }
        if let v = f["version"], let version = r.int(v, "version"), version != 1 {
            r.error(v.location, "version", "unsupported version \(version): this tool reads version 1")
        }
        let paper = r.identifier(f["paper"], "paper")
        if let paper, paper != id { r.error(f["paper"]!.location, "paper", "paper '\(paper)' must equal the file name '\(id)'") }
        guard let items = r.list(f["rows"], "rows") else { return nil }
        var rows: [ExpectedRow] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            guard let row = ExpectedRow.decode(item.node, item.path, r) else { continue }
            if let first = seen[row.id] {
                r.error(item.node.mapping?["id"]?.location ?? item.node.location, item.path + ".id",
                        "duplicate row id '\(row.id)' (first at rows[\(first)])")
            } else { seen[row.id] = i }
            if let spec { crossCheck(row, item.node, item.path, spec, r) }
            rows.append(row)
        }
        guard rows.count == items.count, let paper else { return nil }
        return ExpectedTable(paper: paper, file: file, rows: rows, warnings: r.issues.normalized().filter { !$0.isError })
    }

    private func crossCheck(_ row: ExpectedRow, _ node: SpecNode, _ path: String, _ spec: PaperSpec, _ r: SpecReader) {
        let recipe = spec.resolved(scale: row.scale)
        let map = node.mapping
        if recipe.method(row.method) == nil {
            let ids = recipe.methods.map(\.id)
            r.error(map?["method"]?.location ?? node.location, path + ".method",
                    "unknown method '\(row.method)' at scale \(row.scale.rawValue)" + EditDistance.hint(for: row.method, among: ids)
                    + "; methods: " + ids.joined(separator: ", "))
        }
        if let problem = recipe.metricProblem(row.metric) {
            r.error(map?["metric"]?.location ?? node.location, path + ".metric", problem)
        }
        if row.dataset != recipe.data.dataset {
            r.warning(map?["dataset"]?.location ?? node.location, path + ".dataset",
                      "the \(row.scale.rawValue) recipe trains on \(recipe.data.dataset), not \(row.dataset): this row will be 'not run'")
        }
    }
}
