import Foundation
import Testing
@testable import Harness

// Sources/replicate/TrialCommand.swift, through the built `replicate` binary (the worker every Slurm task runs).

@Test func trialCommandWritesTheSameResultAsTheLocalExecutor() throws {
    let paper = try SlurmTinyPaper(steps: 2, seeds: 1, methods: 1)
    defer { paper.repo.remove() }
    let config = try #require(try paper.configs.first)
    let input = paper.repo.root.appendingPathComponent("trial.json"), output = paper.repo.root.appendingPathComponent("out/result.json")
    try config.write(to: input)
    let run = try runReplicate(["trial", input.path, "--out", output.path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let result = try TrialResult.load(from: output)
    let local = try #require(try paper.localRecord().trials.first)
    #expect(result.configHash == config.hash && result.error == nil && result.steps == 2)
    #expect(result.metrics == local.metrics && result.curves == local.curves)
    // Written by rename: no temporary file is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path) == ["result.json"])
}

@Test func trialThatDivergesStillExitsZeroWithItsErrorRecorded() throws {
    let paper = try SlurmTinyPaper(steps: 3, seeds: 1, methods: 1)
    defer { paper.repo.remove() }
    var config = try #require(try paper.configs.first)
    config.optimizer.lr = 1e30
    let input = paper.repo.root.appendingPathComponent("trial.json"), output = paper.repo.root.appendingPathComponent("result.json")
    try config.write(to: input)
    let run = try runReplicate(["trial", input.path, "--out", output.path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try TrialResult.load(from: output).error != nil)
}

@Test(arguments: ["missing.json", "bad.json"])
func badTrialConfigIsExitTwoNamingTheFile(_ name: String) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trial-cmd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try #"{"paper": "x"}"#.write(to: dir.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
    let path = dir.appendingPathComponent(name).path
    let out = dir.appendingPathComponent("result.json")
    let run = try runReplicate(["trial", path, "--out", out.path])
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains(path))
    #expect(!FileManager.default.fileExists(atPath: out.path))
}
