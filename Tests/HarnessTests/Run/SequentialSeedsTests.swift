import Foundation
import Testing
@testable import Harness

@Suite struct SequentialSeedsTests {
    @Test("--seeds parses N, auto and auto:MAX", arguments: [
        ("3", SeedPolicy.fixed(3)), ("auto", .auto(max: SeedPolicy.defaultMax)), ("auto:20", .auto(max: 20)),
    ])
    func parses(text: String, policy: SeedPolicy) { #expect(SeedPolicy(parsing: text) == policy) }

    @Test("bad --seeds values are refused", arguments: ["0", "-1", "auto:1", "auto:", "auto:x", "sometimes", "3.5"])
    func refuses(text: String) { #expect(SeedPolicy(parsing: text) == nil) }

    @Test("--seeds beyond the cap is refused with the cap in the message", arguments: [
        ("\(Recipe.maximumSeeds + 1)", "1...\(Recipe.maximumSeeds)"), ("auto:\(Recipe.maximumSeeds + 1)", "MAX ≤ \(Recipe.maximumSeeds)"),
        ("99999999999999", "1...\(Recipe.maximumSeeds)"), ("often", "auto[:MAX]"),
    ])
    func refusesBeyondTheCap(text: String, message: String) throws {
        guard case .failure(let problem) = SeedPolicy.parse(text) else { Issue.record("accepted '\(text)'"); return }
        #expect(problem.description.contains(message), "\(problem)")
        #expect(try SeedPolicy.parse("\(Recipe.maximumSeeds)").get() == .fixed(Recipe.maximumSeeds))
    }

    /// An executor that makes up results from (method, seed) and records what it was asked to run.
    final class FakeExecutor: Executor, @unchecked Sendable {
        var asked: [[Int]] = []
        let value: (String, Int) -> Double
        init(_ value: @escaping (String, Int) -> Double) { self.value = value }
        func run(_ configs: [TrialConfig], log: ProgressLog, completed: (Int, TrialResult) throws -> Void) throws -> [TrialResult] {
            asked.append(configs.map(\.seed))
            return configs.map { c in
                TrialResult(paper: "p", method: c.method.id, dataset: "d", seed: c.seed, scale: "smoke", configHash: c.hash,
                            metrics: ["retrieval.top1": value(c.method.id, c.seed)])
            }
        }
    }

    static func configs(maxSeeds: Int) throws -> [TrialConfig] {
        let repo = try TempRepo(files: ["papers/demo.yaml": minimalSpec])
        defer { repo.remove() }
        let recipe = try repo.loader.load(paper: "demo").resolved(scale: .smoke)
        return recipe.methods.flatMap { m in (0..<maxSeeds).map { TrialConfig(recipe: recipe, method: m, seed: $0) } }
    }

    static let rules = [ClaimRule(id: "c", kind: .relative, statement: "", metric: "retrieval.top1",
                                  check: .relative(better: "align-uniform", worse: "contrastive", margin: 0))]

    @Test func stopsAtTheFirstLookThatDecides() throws {
        // A large, steady difference: decided at the first look (3 seeds) even at its small α share.
        let fake = FakeExecutor { m, s in (m == "align-uniform" ? 0.8 : 0.5) + 0.001 * Double(s % 2) }
        let (trials, claims) = try SequentialSeeds(start: 3, maxSeeds: 9)
            .run(configs: Self.configs(maxSeeds: 9), rules: Self.rules, executor: fake, log: ProgressLog(quiet: true))
        #expect(fake.asked.count == 1 && trials.count == 6)
        #expect(claims[0].verdict == .reproduced && claims[0].alpha! < 0.05, "\(claims[0].message)")
        #expect(claims[0].message.contains("sequential look 1 of 3"))
    }

    @Test func addsSeedsUntilMaxWhenUndecided() throws {
        // No difference at all, noisy: never decided, every round asked for more seeds in seed-major order.
        let fake = FakeExecutor { m, s in 0.5 + (m == "align-uniform" ? 0.01 : -0.01) * (s % 2 == 0 ? 1 : -1) }
        let (trials, claims) = try SequentialSeeds(start: 3, maxSeeds: 8)
            .run(configs: Self.configs(maxSeeds: 8), rules: Self.rules, executor: fake, log: ProgressLog(quiet: true))
        #expect(fake.asked == [[0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
                               [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7]])
        #expect(trials.count == 16)
        #expect(claims[0].verdict == .inconclusive)
        // The last look spends the rest of α: the shares add up to 0.05.
        let s = SequentialSeeds(start: 3, maxSeeds: 8)
        #expect(abs(s.levels.reduce(0, +) - 0.05) < 1e-12 && claims[0].alpha == s.levels.last)
    }
}
