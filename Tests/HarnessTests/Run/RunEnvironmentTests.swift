import Testing
import Foundation
@testable import Harness

// Sources/Harness/Run/PaperRun.swift and Environment.swift: the commit a run records is the one of the checkout its
// specs were read from (`--root`, not the current folder), read as the run starts.

/// Runs trials through `inner` after pointing the checkout's HEAD at another commit (a repository moving on while a
/// long run trains).
private struct MovingHead: Executor {
    let inner: any Executor, head: URL, next: String
    func run(_ configs: [TrialConfig], log: ProgressLog, completed: (Int, TrialResult) throws -> Void) throws -> [TrialResult] {
        try Data((next + "\n").utf8).write(to: head)
        return try inner.run(configs, log: log, completed: completed)
    }
}

@Test func aRunRecordsTheCommitItsSpecsCameFromWhenItStarted() throws {
    let root = try TinyPaper.make(steps: 2)
    defer { try? FileManager.default.removeItem(at: root) }
    let git = root.appendingPathComponent(".git")
    try? FileManager.default.removeItem(at: git)
    try FileManager.default.createDirectory(at: git, withIntermediateDirectories: true)
    let head = git.appendingPathComponent("HEAD"), first = String(repeating: "a1", count: 20), later = String(repeating: "b2", count: 20)
    try Data((first + "\n").utf8).write(to: head)
    var options = RunOptions(specRoot: root, reportsRoot: root.appendingPathComponent("reports"))
    options.quiet = true
    options.seeds = 1
    let data = DataCatalog(explicitRoot: nil)
    let local = LocalExecutor(data: data)
    let (record, _) = try PaperRun(options: options, log: ProgressLog(quiet: true))
        .run(paper: "tiny", data: data, executor: MovingHead(inner: local, head: head, next: later))
    #expect(record.environment["git.commit"] == first)
    #expect(try String(contentsOf: head, encoding: .utf8).hasPrefix(later))  // the executor did move it
}
