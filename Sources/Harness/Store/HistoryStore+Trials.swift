import Foundation
import GRDB

extension HistoryStore {
    /// The newest finished, error-free result of a trial with this config hash and engine version.
    public func cachedTrial(configHash: String, engineVersion: Int = TrialConfig.engineVersion) throws -> TrialResult? {
        try pool.read { db in
            try String.fetchOne(db, sql: """
                SELECT result_json FROM trials
                WHERE config_hash = ? AND engine_version = ? AND error IS NULL
                ORDER BY finished_at DESC, id DESC LIMIT 1
                """, arguments: [configHash, engineVersion]).map { try StoreJSON.decode(TrialResult.self, $0) }
        }
    }

    /// Records a finished trial of run `runId` (at `position` in the run's trial list) with its metrics
    /// and curves, as soon as it finishes: a run killed later keeps it for reuse.
    public func saveTrial(_ result: TrialResult, config: TrialConfig?, runId: String, position: Int, reused: Bool = false) throws {
        try pool.write { db in try Self.insertTrial(db, result, config: config, runId: runId, position: position, reused: reused) }
    }

    static func insertTrial(_ db: Database, _ t: TrialResult, config: TrialConfig?, runId: String, position: Int, reused: Bool) throws {
        try db.execute(sql: "DELETE FROM trials WHERE run_id = ? AND position = ?", arguments: [runId, position])
        try db.execute(sql: """
            INSERT INTO trials (run_id, position, config_hash, engine_version, paper, method, dataset, seed, scale,
                                reused, error, config_json, result_json, finished_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [runId, position, t.configHash, config?.engineVersion ?? TrialConfig.engineVersion,
                             t.paper, t.method, t.dataset, t.seed, t.scale, reused, t.error,
                             config.map { String(decoding: $0.canonicalJSON, as: UTF8.self) },
                             try StoreJSON.string(t), Date().timeIntervalSince1970])
        let id = db.lastInsertedRowID
        for (name, value) in t.metrics {
            try db.execute(sql: "INSERT INTO metrics (trial_id, name, x, value) VALUES (?, ?, -1, ?)", arguments: [id, name, sqlNumber(value)])
        }
        for (name, curve) in t.curves {
            for (x, value) in curve.enumerated() {
                try db.execute(sql: "INSERT INTO metrics (trial_id, name, x, value) VALUES (?, ?, ?, ?)",
                               arguments: [id, "curve." + name, x, sqlNumber(value)])
            }
        }
    }

    /// A curve (or, with `x == -1`, a final metric) of every trial of a run, by method and seed.
    public func metric(runId: String, name: String) throws -> [(method: String, seed: Int, x: Int, value: Double?)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.method, t.seed, m.x, m.value FROM metrics m JOIN trials t ON t.id = m.trial_id
                WHERE t.run_id = ? AND m.name = ? ORDER BY t.position, m.x
                """, arguments: [runId, name]).map { ($0["method"], $0["seed"], $0["x"], $0["value"]) }
        }
    }
}
