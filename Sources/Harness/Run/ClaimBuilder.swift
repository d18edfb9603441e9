/// Turns a recipe's claims and the expected table into checkable `ClaimRule`s for one scale.
enum ClaimBuilder {
    static func rules(recipe: Recipe, expected: ExpectedTable?) -> [ClaimRule] {
        var rules: [ClaimRule] = recipe.claims.map { c in
            let check: ClaimRule.Check
            switch (c.kind, c.check) {
            case (.sanity, "finite"): check = .finite
            case (.sanity, "decreases"): check = .decreases
            case (.sanity, _): check = .aboveRandom(margin: c.margin)
            case (.nonInferiority, _): check = .relative(better: c.better ?? "", worse: c.worse ?? "", margin: -c.margin)
            case (.interaction, _):
                let first = recipe.conditions.first?.id
                func id(_ m: String?, _ c: String?) -> String { ConditionSpec.methodID(m ?? "", condition: c ?? "", first: c == first) }
                check = .interaction(methodFrom: id(c.better, c.from), methodTo: id(c.better, c.to),
                                     baselineFrom: id(c.worse, c.from), baselineTo: id(c.worse, c.to), margin: c.margin)
            case (.correlation, _):
                check = .correlation(methods: c.methods ?? [], other: c.against ?? "", negative: c.direction == "negative", margin: c.margin)
            default: check = .relative(better: c.better ?? "", worse: c.worse ?? "", margin: c.margin)
            }
            var rule = ClaimRule(id: c.id, kind: c.kind, statement: statement(c), metric: c.metric, check: check, provenance: c.quote)
            rule.effect = c.effect.map { .init(value: $0.value, source: $0.source) }
            return rule
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

    /// The claim in words. A non-inferiority check says so and sets the paper's sentence apart: passing it shows
    /// the method works at this scale, not that it beats its baseline as the paper says.
    static func statement(_ c: ClaimSpec) -> String {
        let b = c.better ?? "", w = c.worse ?? ""
        let paper = c.quote.map { "“\($0)”" }
        switch (c.kind, c.check) {
        case (.sanity, "finite"): return "Every trial trains to the end with a finite loss."
        case (.sanity, "decreases"): return "The training loss falls (mean of the last steps below the first)."
        case (.sanity, _): return "The trained encoder beats the same encoder at initialisation on \(c.metric) by at least \(c.margin)."
        case (.nonInferiority, _):
            return "Non-inferiority: \(b) is not worse than \(w) on \(c.metric) by more than \(c.margin). "
                + "This checks that \(b) works at this scale, not the paper's claim" + (paper.map { ": \($0)" } ?? ".")
        case (.interaction, _):
            let f = c.from ?? "", t = c.to ?? ""
            if c.margin < 0 {
                return "Interaction, non-inferiority: \(b)'s change in \(c.metric) from \(f) to \(t) is not worse than \(w)'s "
                    + "by more than \(-c.margin), per seed. This checks the pipeline, not the paper's claim" + (paper.map { ": \($0)" } ?? ".")
            }
            return "Interaction: \(b)'s change in \(c.metric) from \(f) to \(t) exceeds \(w)'s by at least \(c.margin) "
                + "(e.g. a smaller drop), per seed." + (paper.map { " Paper: \($0)" } ?? "")
        case (.correlation, _):
            let sign = c.direction == "negative" ? "≤ −" : "≥ "
            let over = c.methods.map { "\($0.count) encoders (\($0.joined(separator: ", ")))" } ?? "every method's encoder"
            return "\(c.metric) and \(c.against ?? "") agree in rank over \(over): Spearman ρ \(sign)\(c.margin)."
                + (paper.map { " Paper: \($0)" } ?? "")
        default:
            return "\(b) beats \(w) on \(c.metric) by at least \(c.margin)." + (paper.map { " Paper: \($0)" } ?? "")
        }
    }

    /// Without a stated spread or tolerance: one point for percentages, 1 % relative otherwise.
    static func defaultTolerance(unit: String) -> Double { unit == "percent" ? 1.0 : 0.01 }
}
