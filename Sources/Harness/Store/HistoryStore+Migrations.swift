import GRDB

extension HistoryStore {
    /// The schema, one migration per change; a store written by an older `replicate` is upgraded on open.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: runs, trials, metrics, verdicts") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY NOT NULL,
                    paper TEXT NOT NULL,
                    scale TEXT NOT NULL,
                    kind TEXT NOT NULL,                 -- run | nightly | calibration
                    status TEXT NOT NULL,               -- running | finished
                    started_at REAL NOT NULL,           -- seconds since 1970, exact
                    wall_seconds REAL,
                    title TEXT, venue TEXT, arxiv TEXT, code TEXT, paper_hardware TEXT,
                    environment_json TEXT, checklist_json TEXT, spec_yaml TEXT
                );
                CREATE INDEX runs_by_paper ON runs(paper, scale, kind, started_at);

                CREATE TABLE trials (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    config_hash TEXT NOT NULL,
                    engine_version INTEGER NOT NULL,
                    paper TEXT NOT NULL, method TEXT NOT NULL, dataset TEXT NOT NULL, seed INTEGER NOT NULL,
                    scale TEXT NOT NULL,
                    reused INTEGER NOT NULL DEFAULT 0,  -- 1: taken from an earlier run's identical trial
                    error TEXT,
                    config_json TEXT,
                    result_json TEXT NOT NULL,
                    finished_at REAL NOT NULL,
                    UNIQUE(run_id, position)
                );
                CREATE INDEX trials_by_key ON trials(config_hash, engine_version, error);

                CREATE TABLE metrics (
                    trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    x INTEGER NOT NULL,                 -- point of the curve (step bucket); -1 for a final metric
                    value REAL,                         -- NULL for a non-finite value
                    PRIMARY KEY(trial_id, name, x)
                );

                CREATE TABLE verdicts (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    claim_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    metric TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    mean REAL, std REAL, low REAL, high REAL, expected REAL, tolerance REAL,
                    outcome_json TEXT NOT NULL,
                    PRIMARY KEY(run_id, claim_id)
                );
                CREATE INDEX verdicts_by_claim ON verdicts(claim_id);
                """)
        }
        return m
    }
}
