import Foundation

/// How many seeds a run uses: a fixed number, or `auto[:MAX]`.
public enum SeedPolicy: Equatable, Sendable {
    case fixed(Int)
    case auto(max: Int)

    /// The default MAX of `--seeds auto`.
    public static let defaultMax = 10

    /// Parses `N`, `auto` or `auto:MAX`; nil for anything else (N ≥ 1, MAX ≥ 2).
    public init?(parsing text: String) {
        if let n = Int(text) { guard n >= 1 else { return nil }; self = .fixed(n); return }
        guard text == "auto" || text.hasPrefix("auto:") else { return nil }
        let max = text == "auto" ? Self.defaultMax : Int(text.dropFirst(5))
        guard let max, max >= 2 else { return nil }
        self = .auto(max: max)
    }

    /// `--seeds` as the CLI takes it: the policy, or the message saying what is wrong with `text`.
    public static func parse(_ text: String) -> Result<SeedPolicy, SeedsProblem> {
        guard let policy = SeedPolicy(parsing: text) else {
            return .failure(SeedsProblem(description: "--seeds must be a number ≥ 1 or auto[:MAX] with MAX ≥ 2, not '\(text)'"))
        }
        switch policy {
        case .fixed(let n): if let p = countProblem(n) { return .failure(p) }
        case .auto(let max) where max > Recipe.maximumSeeds:
            return .failure(SeedsProblem(description: "--seeds auto:MAX must have MAX ≤ \(Recipe.maximumSeeds), not \(max)"))
        case .auto: break
        }
        return .success(policy)
    }

    /// Why `n` cannot be a fixed seed count (outside `1...Recipe.maximumSeeds`), or nil.
    public static func countProblem(_ n: Int) -> SeedsProblem? {
        (1...Recipe.maximumSeeds).contains(n) ? nil : SeedsProblem(description: "--seeds must be in 1...\(Recipe.maximumSeeds), not \(n)")
    }
}

/// A `--seeds` value the CLI refuses (exit 2).
public struct SeedsProblem: UserInputError { public var description: String }

/// `--seeds auto:MAX` (docs/spec.md, "Seeds until decided"): runs the first `start` seeds of every method,
/// checks the claims, and adds `start` seeds per round until every relative, non-inferiority and interaction claim is
/// decided or MAX seeds ran. Each look checks those claims at its alpha-spending share of α
/// (`AlphaSpending`), so the chance of a wrong decision over all looks stays within α. Earlier rounds' trials
/// come back from the store's trial cache, not trained again.
public struct SequentialSeeds {
    public var looks: [Int]
    public var levels: [Double]

    public init(start: Int, maxSeeds: Int, alpha: Double = 0.05) {
        looks = AlphaSpending.looks(start: start, maxSeeds: maxSeeds)
        levels = AlphaSpending.levels(looks: looks, maxSeeds: maxSeeds, alpha: alpha)
    }

    /// The claims that decide when to stop.
    static func steers(_ rule: ClaimRule) -> Bool {
        guard rule.notRunReason == nil else { return false }
        switch rule.check {
        case .relative, .interaction: return true
        default: return false
        }
    }

    /// `configs` must hold every method's seeds 0..<MAX; each round runs those below the look's count.
    public func run(configs: [TrialConfig], rules: [ClaimRule], executor: any Executor, log: ProgressLog)
        throws -> (trials: [TrialResult], claims: [ClaimOutcome]) {
        var trials: [TrialResult] = [], claims: [ClaimOutcome] = []
        for (k, (n, level)) in zip(looks, levels).enumerated() {
            // Seed-major order keeps each trial's position in the run the same from one round to the next.
            let round = configs.enumerated().filter { $0.element.seed < n }
                .sorted { ($0.element.seed, $0.offset) < ($1.element.seed, $1.offset) }.map(\.element)
            log.line("--seeds auto: look \(k + 1) of at most \(looks.count), \(n) seeds per method, α share \(ClaimEvaluator.fmt(level))")
            trials = try executor.run(round, log: log)
            claims = rules.map { rule in
                guard Self.steers(rule) else { return ClaimEvaluator.evaluate(rule, trials: trials) }
                var r = rule
                r.alpha = level
                var out = ClaimEvaluator.evaluate(r, trials: trials)
                out.message += " (sequential look \(k + 1) of \(looks.count): \(n) seeds, α share \(ClaimEvaluator.fmt(level)) of 0.05)"
                return out
            }
            let open = zip(rules, claims).filter { Self.steers($0.0) && $0.1.verdict == .inconclusive }
            if open.isEmpty { break }
        }
        return (trials, claims)
    }
}
