import Foundation

/// Scaled-down references (README, "Calibration"): the paper's numbers are only checked at `full`, so
/// `replicate calibrate` records what this engine reaches at `smoke` / `reduced` as expected rows with
/// `source: calibration`, against which later runs are checked for drift.
public enum Calibration {
    /// Calibrated metrics: downstream accuracies (`*.top1`, `*.top5`), as fractions.
    static func isCalibrated(_ metric: String) -> Bool {
        (metric.hasSuffix(".top1") || metric.hasSuffix(".top5")) && !metric.hasSuffix(".random")
    }

    /// One row per (method, accuracy metric) over the run's error-free trials: value = mean over seeds,
    /// spread = their standard deviation, tolerance = `(t₀.₉₇₅(n−1) + 2) · spread / √n` (at least 0.005):
    /// a later run over the same n seeds has a 95 % interval of half-width t·s/√n, and may move its mean by
    /// two standard errors before the claim leaves `reproduced`.
    public static func rows(from record: RunRecord, dataset: String) throws -> [ExpectedRow] {
        guard let scale = Scale(rawValue: record.scale), scale != .full else {
            throw CalibrationError(reason: "calibrate only smoke or reduced: full is checked against the paper's own numbers")
        }
        let done = record.trials.filter { $0.error == nil }
        if let bad = record.trials.first(where: { $0.error != nil }) {
            throw CalibrationError(reason: "trial \(bad.method) seed \(bad.seed) failed (\(bad.error!)): nothing is written")
        }
        let env = record.environment
        let date = ISO8601DateFormatter.string(from: record.startedAt, timeZone: TimeZone(identifier: "UTC")!,
                                               formatOptions: [.withFullDate])
        var rows: [ExpectedRow] = []
        // Trials of a spec's second and later conditions (`<method>@<condition>`) have no method of their own in
        // the expected table; the first condition's trials carry the plain method ids and are calibrated.
        for method in orderedUnique(done.map(\.method)) where !method.contains("@") {
            let trials = done.filter { $0.method == method }.sorted { $0.seed < $1.seed }
            let metrics = Set(trials.flatMap { $0.metrics.keys }).filter(isCalibrated).sorted()
            for metric in metrics {
                let values = trials.compactMap { $0.metrics[metric] }.filter(\.isFinite)
                guard values.count == trials.count, !values.isEmpty else { continue }
                let s = Summary(values), n = Double(values.count)
                let tol = values.count > 1 ? (Statistics.t975(df: n - 1) + 2) * s.std / n.squareRoot() : 0
                let ref = "replicate calibrate, run \(record.runId): commit \(env["git.commit"] ?? "unknown"), \(date), "
                    + "CPU \(env["cpu"] ?? "unknown"), \(values.count) seed\(values.count == 1 ? "" : "s") (0..\(values.count - 1)), "
                    + "engine version \(env["engine.version"] ?? "\(TrialConfig.engineVersion)")"
                    + (env["conv.path"].map { ", conv path \($0.prefix { $0 != " " })" } ?? "")
                rows.append(ExpectedRow(
                    id: "\(scale.rawValue).\(method).\(metric)", method: method, dataset: dataset, metric: metric,
                    value: round6(s.mean), unit: "fraction", spread: round6(s.std), tolerance: round6(max(tol, 0.005)), scale: scale,
                    provenance: .init(source: "calibration", ref: ref, verified: true)))
            }
        }
        guard !rows.isEmpty else { throw CalibrationError(reason: "the run produced no accuracy metric to calibrate") }
        return rows
    }

    /// Upserts `rows` into `expected/<paper>.yaml` under `specRoot`, validating the edited table against the
    /// spec before it replaces the file (a failure leaves the file as it was). Returns the file's URL.
    @discardableResult
    public static func write(_ rows: [ExpectedRow], paper: String, specRoot: URL, heading: String? = nil) throws -> URL {
        let loader = SpecLoader(root: specRoot)
        let spec = try loader.load(paper: paper)
        let url = specRoot.appendingPathComponent("expected").appendingPathComponent("\(paper).yaml")
        let original: String
        do { original = try String(contentsOf: url, encoding: .utf8) } catch {
            throw CalibrationError(reason: "cannot read \(url.path): \(error.localizedDescription)")
        }
        let edited = try ExpectedTableEditor.upsert(rows, into: original, heading: heading)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(paper).yaml.tmp-\(UInt32.random(in: 0...UInt32.max))")
        try DurableFile.write(Data(edited.utf8), to: tmp)
        let r = SpecReader()
        let table = loader.decodeExpected(at: tmp, id: paper, spec: spec, r)
        let errors = r.issues.normalized().filter(\.isError)
        guard table != nil, errors.isEmpty else {
            try? FileManager.default.removeItem(at: tmp)
            throw SpecError(issues: errors)
        }
        guard rename(tmp.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: tmp)
            throw CalibrationError(reason: "cannot replace \(url.path): \(String(cString: strerror(errno)))")
        }
        return url
    }

    static func round6(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }

    static func orderedUnique(_ xs: [String]) -> [String] {
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }
}

/// A calibration that cannot be recorded.
public struct CalibrationError: UserInputError {
    public var reason: String
    public var description: String { "calibrate: \(reason)" }
}
