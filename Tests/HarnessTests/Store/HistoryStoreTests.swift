import Testing
import Foundation
import GRDB
@testable import Harness

/// A fresh store file in a temporary folder (removed by the caller).
func temporaryStore() throws -> (HistoryStore, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
    return (try HistoryStore(url: dir.appendingPathComponent("history.sqlite")), dir)
}

/// Begins a run in `store` and returns `record` renamed to it.
func stored(_ record: RunRecord, in store: HistoryStore, kind: HistoryStore.RunKind = .run) throws -> RunRecord {
    var r = record
    r.runId = try store.beginRun(paper: r.paper, scale: r.scale, kind: kind, startedAt: r.startedAt)
    try store.finishRun(r)
    return r
}

@Suite struct HistoryStoreTests {
    @Test func createsTheSchemaInWALMode() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mode = try store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let tables = try store.pool.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        for t in ["metrics", "runs", "trials", "verdicts"] { #expect(tables.contains(t)) }
        let applied = try store.pool.read { try HistoryStore.migrator.appliedIdentifiers($0) }
        #expect(applied.count == HistoryStore.migrator.migrations.count)
        // Opening again migrates nothing and keeps the data.
        _ = try stored(ReportFixtures.everyVerdict(), in: store)
        #expect(try HistoryStore(url: store.url).runs().count == 1)
    }

    @Test func aRecordReadBackWritesTheSameReportFiles() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try stored(ReportFixtures.everyVerdict(), in: store)  // has NaN in a curve and a crashed trial
        let back = try #require(try store.record(runId: original.runId))
        let sameJSON = try back.jsonData() == original.jsonData()
        #expect(sameJSON)
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        try ReportWriter.write(original, to: a)
        try ReportWriter.write(back, to: b)
        for name in ReportWriter.fileNames {
            let same = try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name))
            #expect(same, "\(name) differs")
        }
    }

    @Test func runIdsAreUniqueAndUnfinishedRunsAreHidden() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = Date(timeIntervalSince1970: 1_800_000_000)
        let ids = try (0..<50).map { _ in try store.beginRun(paper: "p", scale: "smoke", kind: .run, startedAt: t) }
        #expect(Set(ids).count == 50)
        #expect(ids.allSatisfy { $0.hasPrefix("20270115-080000-") && $0.count == 24 })
        #expect(try store.runs(paper: "p").isEmpty)
        #expect(try store.record(runId: ids[0]) == nil)
        var r = ReportFixtures.everyVerdict()
        r.runId = "never-begun"
        #expect(throws: StoreError.self) { try store.finishRun(r) }
    }

    @Test func trialCacheIsKeyedByHashAndEngineVersionAndSkipsFailures() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try store.beginRun(paper: "p", scale: "smoke", kind: .run, startedAt: Date())
        var ok = TrialResult(paper: "p", method: "m", dataset: "d", seed: 0, scale: "smoke", configHash: "h1",
                             metrics: ["retrieval.top1": 0.5, "loss": .infinity], curves: ["loss": [3, 2, .nan]], steps: 3)
        try store.saveTrial(ok, config: nil, runId: run, position: 0)
        var failed = ok
        failed.configHash = "h2"; failed.error = "diverged"
        try store.saveTrial(failed, config: nil, runId: run, position: 1)
        #expect(try store.cachedTrial(configHash: "h1")?.metrics["retrieval.top1"] == 0.5)
        #expect(try store.cachedTrial(configHash: "h1", engineVersion: TrialConfig.engineVersion + 1) == nil)
        #expect(try store.cachedTrial(configHash: "h2") == nil)
        #expect(try store.cachedTrial(configHash: "h3") == nil)
        // The newest result wins.
        ok.metrics["retrieval.top1"] = 0.6
        try store.saveTrial(ok, config: nil, runId: run, position: 2)
        #expect(try store.cachedTrial(configHash: "h1")?.metrics["retrieval.top1"] == 0.6)
        // Per-step metrics: the curve's points, NaN stored as NULL.
        let curve = try store.metric(runId: run, name: "curve.loss").filter { $0.seed == 0 && $0.method == "m" }
        #expect(curve.prefix(3).map(\.x) == [0, 1, 2] && curve[0].value == 3 && curve[2].value == nil)
    }

    @Test func historyListsClaimsOldestFirstAndChecksTheLatestRun() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ values: [Double], at t: Double, kind: HistoryStore.RunKind) throws -> RunRecord {
            var r = ReportFixtures.everyVerdict(scale: "smoke")
            r.startedAt = Date(timeIntervalSince1970: t)
            r.claims = [relativeOutcome(values, id: "a-beats-b")]
            return try stored(r, in: store, kind: kind)
        }
        _ = try run([0.60, 0.61, 0.62], at: 1000, kind: .nightly)
        _ = try run([0.61, 0.62, 0.63], at: 2000, kind: .nightly)
        _ = try run([0.10, 0.10, 0.10], at: 2500, kind: .run)   // not a nightly run: not in the baseline
        let latest = try run([0.50, 0.52, 0.54], at: 3000, kind: .run)
        let points = try store.claimHistory(paper: "align-uniform", scale: "smoke", claim: "a-beats-b")
        #expect(points.map(\.startedAt.timeIntervalSince1970) == [1000, 2000, 2500, 3000])
        #expect(points.last?.runId == latest.runId && points.last?.seeds == 3)
        let check = try #require(try store.regressionCheck(paper: "align-uniform", scale: "smoke", window: 5))
        #expect(check.run.id == latest.runId)
        #expect(check.claims[0].verdict == .regressed)
        #expect(try store.regressionCheck(paper: "align-uniform", scale: "full") == nil)
    }

    /// Two `replicate` processes starting at once on a new reports folder both find the store unmigrated;
    /// only one may create the schema (CI once saw "table runs already exists" here).
    @Test(arguments: 1...5) func openingANewStoreFromManyConnectionsAtOnceMigratesItOnce(_ round: Int) throws {
        let scratch = try ScratchDir()
        let url = scratch.url.appendingPathComponent("history.sqlite")
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            do { _ = try HistoryStore(url: url) } catch { errors.add(error) }
        }
        #expect(errors.all.isEmpty, "\(errors.all)")
        let store = try HistoryStore(url: url)
        let applied = try store.pool.read { try HistoryStore.migrator.appliedIdentifiers($0) }
        #expect(applied.count == HistoryStore.migrator.migrations.count)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func concurrentWritersOnSeparateConnectionsNeitherFailNorCorrupt() throws {
        let (first, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let second = try HistoryStore(url: first.url)  // its own DatabasePool, as a second process would have
        let record = ReportFixtures.everyVerdict()
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let store = worker == 0 ? first : second
            do {
                for i in 0..<15 {
                    let id = try store.beginRun(paper: "p\(worker)", scale: "smoke", kind: .run, startedAt: record.startedAt)
                    for (k, t) in record.trials.enumerated() {
                        var t = t
                        t.configHash = "w\(worker)-\(i)-\(k)"
                        try store.saveTrial(t, config: nil, runId: id, position: k)
                        _ = try store.cachedTrial(configHash: t.configHash)
                    }
                    var r = record
                    r.runId = id; r.paper = "p\(worker)"
                    try store.finishRun(r)
                }
            } catch { errors.add(error) }
        }
        #expect(errors.all.isEmpty, "\(errors.all)")
        #expect(try first.integrityCheck() == ["ok"])
        #expect(try first.runs(paper: "p0").count == 15 && first.runs(paper: "p1").count == 15)
        let runs = try first.runs()
        #expect(Set(runs.map(\.id)).count == 30)
        for r in runs { #expect(try first.record(runId: r.id)?.trials.count == record.trials.count) }
    }
}

/// Collects errors from concurrent workers.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []
    func add(_ e: Error) { lock.lock(); errors.append("\(e)"); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return errors }
}
