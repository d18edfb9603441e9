import Foundation

/// Interaction claims: a difference of differences across two conditions of one spec, paired by seed
/// ("CACR's drop from balanced to imbalanced data is smaller than CL's").
extension ClaimEvaluator {
    /// `cells` = [method@from, method@to, baseline@from, baseline@to] (trial method ids).
    static func interaction(_ base: ClaimOutcome, _ rule: ClaimRule, _ trials: [TrialResult], cells: [String],
                            margin: Double, crashed: [TrialResult]) -> ClaimOutcome {
        var out = base
        out.expected = margin
        out.alpha = rule.alpha
        out.effect = rule.effect?.value; out.effectSource = rule.effect?.source
        out.cellLabels = cells
        let series = cells.map { Dictionary(seeded(trials, method: $0, metric: rule.metric).map { ($0.seed, $0.value) }) { a, _ in a } }
        guard series.allSatisfy({ !$0.isEmpty }) else { return crashed.isEmpty ? missing(out, rule.metric, trials) : failed(out, crashed) }
        // Only seeds where all four trials finished: the pairing is what removes the seed's common effect.
        let seeds = series.dropFirst().reduce(Set(series[0].keys)) { $0.intersection($1.keys) }.sorted()
        let rows = seeds.map { s in cells.indices.map { series[$0][s]! } }
        out.values = rows.map { ($0[1] - $0[0]) - ($0[3] - $0[2]) }
        if !rows.isEmpty { out.cellMeans = cells.indices.map { i in rows.map { $0[i] }.reduce(0, +) / Double(rows.count) } }
        let what = "(\(cells[1]) − \(cells[0])) − (\(cells[3]) − \(cells[2])) on \(rule.metric)"
        guard out.values.count > 1 else {
            out.mean = out.values.first
            if !crashed.isEmpty { return failed(out, crashed) }
            out.verdict = .inconclusive
            out.message = "\(oneSeed): \(what) from \(out.values.count) paired seed(s) decides nothing"
            return out
        }
        let s = Summary(out.values, alpha: rule.alpha)
        out.mean = s.mean; out.std = s.std; out.intervalLow = s.low; out.intervalHigh = s.high
        out.intervalMethod = "paired"
        decide(&out, low: s.low, high: s.high, bound: margin, what: "\(what) (paired over \(rows.count) seeds)", crashed: crashed)
        let n = Double(out.values.count)
        out.detectable = Power.detectable(standardError: s.std / n.squareRoot(), df: n - 1, alpha: rule.alpha)
        addPower(&out, sd: s.std, bound: margin)
        return out
    }
}
