import Foundation
import GRDB

/// The SQLite history of runs, trials, per-step metrics and verdicts (`reports/history.sqlite` by default).
///
/// A `DatabasePool` in WAL mode with a busy timeout: several `replicate` processes may read and write the
/// same file at once; each write is one IMMEDIATE transaction, so they queue instead of failing or
/// interleaving. Finished trials are cached by (config hash, engine version).
public final class HistoryStore: @unchecked Sendable {  // DatabasePool is thread-safe
    public let url: URL
    let pool: DatabasePool

    /// Default location beside the reports.
    public static func defaultURL(reportsRoot: URL) -> URL { reportsRoot.appendingPathComponent("history.sqlite") }

    /// Opens (creating when absent) and migrates the store.
    public init(url: URL) throws {
        self.url = url
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StoreError(path: url.path, reason: "cannot create its folder: \(error.localizedDescription)")
        }
        var config = Configuration()
        config.busyMode = .timeout(60)  // another process's write transaction is short: wait for it
        config.label = "replicate.history"
        // GRDB reads which migrations are applied before its write transaction, so two processes opening a
        // new store at once could both create the schema. A lock file beside the store (not the store
        // itself: closing another descriptor of a SQLite file drops SQLite's own POSIX locks) serialises them.
        let lock = URL(fileURLWithPath: url.path + "-open.lock")
        do {
            pool = try FileLock.withLock(lock) {
                let pool = try DatabasePool(path: url.path, configuration: config)
                try Self.migrator.migrate(pool)
                return pool
            }
        } catch let e as DatabaseError {
            throw StoreError(path: url.path, reason: e.message ?? "\(e)")
        } catch let e as DurableFileError {
            throw StoreError(path: url.path, reason: "\(e)")
        }
    }

    /// How a run came about; `regressed` compares with earlier `nightly` runs only.
    public enum RunKind: String, Sendable, CaseIterable { case run, nightly, calibration }

    /// Reserves a new unique run id (`yyyyMMdd-HHmmss-xxxxxxxx`) with a `running` row, so two processes
    /// starting in the same second never share a report folder.
    public func beginRun(paper: String, scale: String, kind: RunKind, startedAt: Date) throws -> String {
        for _ in 0..<100 {
            let id = Self.runId(startedAt)
            let inserted = try pool.write { db -> Bool in
                try db.execute(sql: "INSERT OR IGNORE INTO runs (id, paper, scale, kind, status, started_at) VALUES (?, ?, ?, ?, 'running', ?)",
                               arguments: [id, paper, scale, kind.rawValue, startedAt.timeIntervalSince1970])
                return db.changesCount == 1
            }
            if inserted { return id }
        }
        throw StoreError(path: url.path, reason: "could not reserve a unique run id")
    }

    /// UTC time plus 32 random bits.
    static func runId(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return f.string(from: date) + "-" + String(repeating: "0", count: 8 - suffix.count) + suffix
    }

    /// Completes the run's row with its record: metadata, verdicts, and a trial row for every trial the
    /// executor did not save already (reused ones). One transaction: readers see the run whole or not at all.
    public func finishRun(_ record: RunRecord) throws {
        let env = try StoreJSON.string(record.environment), checklist = try StoreJSON.string(record.checklist)
        try pool.write { db in
            try db.execute(sql: """
                UPDATE runs SET status = 'finished', wall_seconds = ?, title = ?, venue = ?, arxiv = ?, code = ?,
                       paper_hardware = ?, environment_json = ?, checklist_json = ?, spec_yaml = ?, started_at = ?
                WHERE id = ?
                """, arguments: [record.wallSeconds, record.title, record.venue, record.arxiv, record.code,
                                 record.paperHardware, env, checklist, record.specYAML,
                                 record.startedAt.timeIntervalSince1970, record.runId])
            guard db.changesCount == 1 else { throw StoreError(path: url.path, reason: "run \(record.runId) was never begun") }
            let saved = Set(try Int.fetchAll(db, sql: "SELECT position FROM trials WHERE run_id = ?", arguments: [record.runId]))
            for (i, t) in record.trials.enumerated() where !saved.contains(i) {
                try Self.insertTrial(db, t, config: nil, runId: record.runId, position: i, reused: true)
            }
            try db.execute(sql: "DELETE FROM verdicts WHERE run_id = ?", arguments: [record.runId])
            for (i, c) in record.claims.enumerated() {
                try db.execute(sql: """
                    INSERT INTO verdicts (run_id, position, claim_id, kind, metric, verdict, mean, std, low, high,
                                          expected, tolerance, outcome_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [record.runId, i, c.id, c.kind.rawValue, c.metric, c.verdict.rawValue,
                                     sqlNumber(c.mean), sqlNumber(c.std), sqlNumber(c.intervalLow), sqlNumber(c.intervalHigh),
                                     sqlNumber(c.expected), sqlNumber(c.tolerance), try StoreJSON.string(c)])
            }
        }
    }

    /// The record of a finished run, rebuilt from its rows (equal to the one `finishRun` stored).
    public func record(runId: String) throws -> RunRecord? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ? AND status = 'finished'", arguments: [runId])
            else { return nil }
            let trials = try String.fetchAll(db, sql: "SELECT result_json FROM trials WHERE run_id = ? ORDER BY position", arguments: [runId])
                .map { try StoreJSON.decode(TrialResult.self, $0) }
            let claims = try String.fetchAll(db, sql: "SELECT outcome_json FROM verdicts WHERE run_id = ? ORDER BY position", arguments: [runId])
                .map { try StoreJSON.decode(ClaimOutcome.self, $0) }
            return RunRecord(runId: row["id"], paper: row["paper"], title: row["title"] ?? "", venue: row["venue"] ?? "",
                             arxiv: row["arxiv"], code: row["code"], scale: row["scale"],
                             startedAt: Date(timeIntervalSince1970: row["started_at"]), wallSeconds: row["wall_seconds"] ?? 0,
                             paperHardware: row["paper_hardware"],
                             environment: try StoreJSON.decode([String: String].self, row["environment_json"] ?? "{}"),
                             checklist: try StoreJSON.decode([ChecklistEntry].self, row["checklist_json"] ?? "[]"),
                             specYAML: row["spec_yaml"] ?? "", trials: trials, claims: claims)
        }
    }

    /// One run as listed by `history`.
    public struct RunSummary: Sendable, Equatable {
        public var id: String, paper: String, scale: String, kind: RunKind, startedAt: Date
    }

    /// Finished runs, newest first.
    public func runs(paper: String? = nil, scale: String? = nil, kind: RunKind? = nil, limit: Int = 1000) throws -> [RunSummary] {
        try pool.read { db in
            var sql = "SELECT id, paper, scale, kind, started_at FROM runs WHERE status = 'finished'"
            var args: [DatabaseValueConvertible] = []
            if let paper { sql += " AND paper = ?"; args.append(paper) }
            if let scale { sql += " AND scale = ?"; args.append(scale) }
            if let kind { sql += " AND kind = ?"; args.append(kind.rawValue) }
            sql += " ORDER BY started_at DESC, id DESC LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map {
                RunSummary(id: $0["id"], paper: $0["paper"], scale: $0["scale"],
                           kind: RunKind(rawValue: $0["kind"]) ?? .run, startedAt: Date(timeIntervalSince1970: $0["started_at"]))
            }
        }
    }

    /// SQLite's own consistency check ("ok" when sound).
    public func integrityCheck() throws -> [String] {
        try pool.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
    }
}

/// SQLite stores NaN as NULL; keep the typed columns queryable and leave the exact value to the JSON.
func sqlNumber(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }

/// A history store that cannot be opened or written (bad path, not a database, disk full): exit code 2.
public struct StoreError: UserInputError {
    public var path: String
    public var reason: String
    public var description: String { "history store \(path): \(reason)" }
}
