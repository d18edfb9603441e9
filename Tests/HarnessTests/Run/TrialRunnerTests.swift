import Testing
import Foundation
@testable import Harness

/// The results of two runs of one trial, timings aside, as bytes (so NaN and -0.0 count).
func resultBytes(_ r: TrialResult) throws -> Data {
    var r = r
    r.wallSeconds = 0; r.imagesPerSecond = 0
    return try RunRecord.makeEncoder().encode(r)
}

@Suite(.serialized) struct TrialRunnerTests {
    /// One trial of `tiny` (contrastive, seed 1) with `steps` steps, written as a config file.
    static func config(steps: Int, in dir: URL) throws -> (TrialConfig, URL) {
        let root = try TinyPaper.make()
        defer { try? FileManager.default.removeItem(at: root) }
        let recipe = try SpecLoader(root: root).load(paper: "tiny").resolved(scale: .smoke)
        var c = TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 1)
        c.steps = steps
        let url = dir.appendingPathComponent("config.json")
        try c.write(to: url)
        return (c, url)
    }

    @Test func aTrialKilledWithSIGKILLAndResumedEqualsAnUninterruptedOneBitForBit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (config, configURL) = try Self.config(steps: 24, in: dir)
        let bin = TinyPaper.binary
        try #require(FileManager.default.isExecutableFile(atPath: bin.path), "no replicate binary at \(bin.path)")

        let whole = try Child(bin, ["trial", configURL.path, "--out", "whole.json", "--checkpoint-dir", "ck-whole",
                                    "--checkpoint-every", "3", "--quiet"], in: dir)
        #expect(whole.wait() == 0, "\(whole.errors)")

        let args = ["trial", configURL.path, "--out", "resumed.json", "--checkpoint-dir", "ck", "--checkpoint-every", "3"]
        let policy = CheckpointPolicy(directory: dir.appendingPathComponent("ck"), every: 3, resume: true)
        let victim = try Child(bin, args, in: dir)
        // Kill it once a checkpoint past the first one is on disk (mid-training: 24 steps in all).
        var killedAt: Int?
        let deadline = Date().addingTimeInterval(600)
        while victim.process.isRunning && Date() < deadline {
            if let c = try? policy.load(configHash: config.hash), c.pretrain.step >= 6 {
                kill(victim.process.processIdentifier, SIGKILL)
                killedAt = c.pretrain.step
                break
            }
            usleep(20_000)
        }
        victim.wait()
        let step = try #require(killedAt, "the trial finished or timed out before a checkpoint at step 6: \(victim.errors)")
        #expect(victim.process.terminationReason == .uncaughtSignal)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("resumed.json").path))

        let resumed = try Child(bin, args + ["--resume"], in: dir)
        #expect(resumed.wait() == 0, "\(resumed.errors)")
        // It continued from a checkpoint (at the kill step or later), rather than starting again.
        let match = resumed.errors.range(of: #"resumed from step (\d+) of 24"#, options: .regularExpression)
        let from = try #require(match.map { Int(resumed.errors[$0].split(separator: " ")[3])! }, "\(resumed.errors)")
        #expect(from >= step && from < 24 && from % 3 == 0)

        let a = try TrialResult.load(from: dir.appendingPathComponent("whole.json"))
        let b = try TrialResult.load(from: dir.appendingPathComponent("resumed.json"))
        #expect(a.steps == 24 && a.error == nil && a.configHash == config.hash)
        let identical = try resultBytes(a) == resultBytes(b)  // a Bool: a failing Data comparison would be diffed at length
        #expect(identical, "metrics \(a.metrics) vs \(b.metrics)")
        // Finished trials leave no checkpoint behind.
        #expect(!FileManager.default.fileExists(atPath: policy.file(for: config.hash).deletingLastPathComponent().path))
    }

    @Test func aBadConfigFileIsBadInput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("badcfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("{\"paper\": 3}".utf8).write(to: dir.appendingPathComponent("c.json"))
        let child = try Child(TinyPaper.binary, ["trial", "c.json", "--out", "r.json"], in: dir)
        #expect(child.wait() == 2)
        #expect(child.errors.contains("c.json: not a trial config"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.json").path))
    }
}

@Test func lossCurvesAreGroupMeansWithTheirEndSteps() {
    let (means, ends) = TrialRunner.downsample([1, 2, 3, 4, 5, 6], to: 3)
    #expect(means == [1.5, 3.5, 5.5])
    #expect(ends == [2, 4, 6])
    let (all, steps) = TrialRunner.downsample([4, 3], to: 10)
    #expect(all == [4, 3] && steps == [1, 2])
}

@Test func onlyEvaluationsThatAboveRandomClaimsReadRunOnTheRandomEncoder() throws {
    let recipe = try SpecLoader(root: repositoryRoot).load(paper: "align-uniform").resolved(scale: .smoke)
    let config = TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 0)
    // align-uniform's smoke claims: retrieval beats random; the probe and geometry have no such claim.
    #expect(config.baselineEvaluations == ["retrieval"])
}
