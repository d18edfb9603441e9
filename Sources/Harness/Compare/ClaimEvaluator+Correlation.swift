import Foundation

/// Correlation claims: two metrics agree in rank across encoders (Wang & Isola's alignment and uniformity
/// against downstream accuracy).
extension ClaimEvaluator {
    static func correlation(_ base: ClaimOutcome, _ rule: ClaimRule, _ trials: [TrialResult], methods: [String],
                            other: String, negative: Bool, margin: Double, crashed: [TrialResult]) -> ClaimOutcome {
        var out = base
        out.alpha = rule.alpha
        out.metricAgainst = other
        out.effect = rule.effect?.value; out.effectSource = rule.effect?.source
        let names = methods.isEmpty ? orderedMethods(trials) : methods
        var encoders: [RankCorrelation.Encoder] = []
        for m in names {
            let pairs = trials.filter { $0.method == m && $0.error == nil }.sorted { $0.seed < $1.seed }
                .compactMap { t -> (Double, Double)? in
                    guard let x = t.metrics[rule.metric], let y = t.metrics[other], x.isFinite, y.isFinite else { return nil }
                    return (x, y)
                }
            if !pairs.isEmpty { encoders.append(.init(x: pairs.map(\.0), y: pairs.map(\.1))) }
        }
        if !crashed.isEmpty { return failed(out, crashed) }
        guard encoders.count >= 3 else {
            if encoders.isEmpty { return missing(out, rule.metric, trials) }
            out.verdict = .inconclusive
            out.message = "\(encoders.count) encoder(s) produced \(rule.metric) and \(other): a rank correlation needs 3 at least"
            return out
        }
        let bound = negative ? -margin : margin
        let b = RankCorrelation.bootstrap(encoders, alpha: rule.alpha)
        out.expected = bound
        out.mean = b.rho
        out.intervalLow = b.low; out.intervalHigh = b.high
        out.intervalMethod = "bootstrap"
        // Per encoder: the mean of the first metric, so the chart and table show what was ranked.
        out.values = encoders.map { $0.x.reduce(0, +) / Double($0.x.count) }
        out.valuesAgainst = encoders.map { $0.y.reduce(0, +) / Double($0.y.count) }
        let seeds = encoders.map(\.x.count).min() ?? 0
        let text = "Spearman ρ(\(rule.metric), \(other)) over \(encoders.count) encoders (\(seeds)+ seeds each) = \(fmt(b.rho)) "
            + "[\(level(rule.alpha)) bootstrap CI \(fmt(b.low)), \(fmt(b.high))], bound \(negative ? "≤" : "≥") \(fmt(bound))"
        let holds = negative ? b.high <= bound : b.low >= bound
        let fails = negative ? b.low > bound : b.high < bound
        out.verdict = holds ? .reproduced : fails ? .notReproduced : .inconclusive
        out.message = text + (out.verdict == .inconclusive ? ": the interval straddles the bound" : "")
        // Power from the Fieller–Hartley–Pearson standard error of atanh(ρ_s), 1.06/√(k − 3): the smallest
        // correlation beyond the bound that k encoders detect with 80 % power, and the encoders the paper's
        // effect would need.
        let k = Double(encoders.count)
        if k > 3 {
            let z = Normal.quantile(1 - rule.alpha / 2) + Normal.quantile(Power.target)
            let reach = tanh(atanh(abs(bound)) + z * 1.06 / (k - 3).squareRoot())
            out.detectable = reach - abs(bound)
            out.message += "; \(encoders.count) encoders detect |ρ| ≥ \(fmt(reach)) with 80% power"
        }
        if let effect = out.effect, abs(effect) > abs(bound), abs(effect) < 1 {
            let z = Normal.quantile(1 - rule.alpha / 2) + Normal.quantile(Power.target)
            let gap = atanh(abs(effect)) - atanh(abs(bound))
            let needed = Int((3 + pow(z * 1.06 / gap, 2)).rounded(.up))
            out.message += "; the paper's ρ \(fmt(effect)) needs about \(needed) encoders"
        }
        return out
    }
}
