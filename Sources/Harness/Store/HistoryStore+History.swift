import Foundation
import GRDB

extension HistoryStore {
    /// One claim's outcome in one finished run.
    public struct ClaimPoint: Sendable, Equatable {
        public var runId: String
        public var kind: RunKind
        public var scale: String
        public var startedAt: Date
        public var claimId: String
        public var verdict: Verdict
        public var mean: Double?
        public var low: Double?
        public var high: Double?
        public var seeds: Int
    }

    /// Every outcome of the paper's claims (optionally one claim, one scale), oldest run first.
    public func claimHistory(paper: String, scale: String? = nil, claim: String? = nil) throws -> [ClaimPoint] {
        try pool.read { db in
            var sql = """
                SELECT r.id, r.kind, r.scale, r.started_at, v.claim_id, v.outcome_json FROM verdicts v
                JOIN runs r ON r.id = v.run_id WHERE r.status = 'finished' AND r.paper = ?
                """
            var args: [DatabaseValueConvertible] = [paper]
            if let scale { sql += " AND r.scale = ?"; args.append(scale) }
            if let claim { sql += " AND v.claim_id = ?"; args.append(claim) }
            sql += " ORDER BY r.started_at, r.id, v.position"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { row in
                let c = try StoreJSON.decode(ClaimOutcome.self, row["outcome_json"])
                return ClaimPoint(runId: row["id"], kind: RunKind(rawValue: row["kind"]) ?? .run, scale: row["scale"],
                                  startedAt: Date(timeIntervalSince1970: row["started_at"]), claimId: row["claim_id"],
                                  verdict: c.verdict, mean: c.mean, low: c.intervalLow, high: c.intervalHigh, seeds: c.values.count)
            }
        }
    }

    /// The latest finished run of the paper at `scale` with its claims checked against the `window` nightly
    /// runs before it (`RegressionCheck`); nil when the paper has no run at that scale.
    public func regressionCheck(paper: String, scale: String, window: Int = 5) throws -> (run: RunSummary, claims: [ClaimOutcome])? {
        guard let latest = try runs(paper: paper, scale: scale, limit: 1).first,
              let record = try record(runId: latest.id) else { return nil }
        let earlier = try runs(paper: paper, scale: scale, kind: .nightly, limit: window + 1)
            .filter { $0.id != latest.id && $0.startedAt <= latest.startedAt }.prefix(window)
            .compactMap { try self.record(runId: $0.id)?.claims }
        return (latest, RegressionCheck.apply(record.claims, earlier: Array(earlier)))
    }

    /// The id of the newest finished run of `paper` (any scale).
    public func latestRunId(paper: String) throws -> String? { try runs(paper: paper, limit: 1).first?.id }
}
