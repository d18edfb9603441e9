/// Turns a recipe's claims and the expected table into checkable `ClaimRule`s for one scale.
enum ClaimBuilder {
    static func rules(recipe: Recipe, expected: ExpectedTable?) -> [ClaimRule] {
        var rules: [ClaimRule] = recipe.claims.map { c in
            let check: ClaimRule.Check
            switch (c.kind, c.check) {
            case (.sanity, "finite"): check = .finite
            case (.sanity, "decreases"): check = .decreases
            case (.sanity, _): check = .aboveRandom(margin: c.margin)
            default: check = .relative(better: c.better ?? "", worse: c.worse ?? "", margin: c.margin)
            }
            let statement: String
            switch check {
            case .finite: statement = "Every trial trains to the end with a finite loss."
            case .decreases: statement = "The training loss falls (mean of the last steps below the first)."
            case .aboveRandom(let m): statement = "The trained encoder beats the same encoder at initialisation on \(c.metric) by at least \(m)."
            case let .relative(b, w, m):
                statement = m >= 0 ? "\(b) beats \(w) on \(c.metric) by at least \(m)." : "\(b) is not worse than \(w) on \(c.metric) by more than \(-m)."
            case .absolute: statement = ""
            }
            return ClaimRule(id: c.id, kind: c.kind, statement: [statement, c.quote.map { "Paper: “\($0)”" }].compactMap { $0 }.joined(separator: " "),
                             metric: c.metric, check: check, provenance: c.quote)
        }
        for row in expected?.rows ?? [] {
            let tolerance = row.tolerance ?? row.spread.map { 2 * $0 } ?? defaultTolerance(unit: row.unit)
            let scale: Double = row.unit == "percent" ? 0.01 : 1  // metrics are fractions; percent rows are rescaled
            let provenance = "\(row.provenance.source): \(row.provenance.ref)" + (row.provenance.verified ? "" : " (unverified)")
            var rule = ClaimRule(id: row.id, kind: .absolute,
                                 statement: "\(row.method) reaches \(row.value)\(row.unit == "percent" ? " %" : "") \(row.metric) on \(row.dataset) (scale \(row.scale.rawValue)).",
                                 metric: row.metric,
                                 check: .absolute(method: row.method, expected: row.value * scale, tolerance: tolerance * scale),
                                 provenance: provenance)
            if row.scale != recipe.scale {
                rule.notRunReason = "expected value for scale \(row.scale.rawValue); this run is \(recipe.scale.rawValue)"
            } else if recipe.method(row.method) == nil {
                rule.notRunReason = "method \(row.method) is not run at scale \(recipe.scale.rawValue)"
            }
            rules.append(rule)
        }
        return rules
    }

    /// Without a stated spread or tolerance: one point for percentages, 1 % relative otherwise.
    static func defaultTolerance(unit: String) -> Double { unit == "percent" ? 1.0 : 0.01 }
}
