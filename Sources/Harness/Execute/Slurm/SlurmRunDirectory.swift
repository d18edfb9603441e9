import Foundation

/// One Slurm run's folder on shared storage, `<reports>/.slurm/<run id>/`:
///
/// ```
/// run.json            the manifest: what was submitted, each task's jobs, the final verdicts
/// job.sh              the batch script (paths and numbers only)
/// trials/<i>.json     trial i's TrialConfig
/// results/<i>.json    trial i's TrialResult, written atomically by `replicate trial`
/// status/<i>          the task's own last word: state=RUNNING|TERMINATED|EXITED rc=N
/// logs/<i>.log        the trial's output (appended across attempts); logs/slurm-*.out the script's
/// checkpoints/        trial checkpoints, for a requeued task to resume from
/// data/               gzip data sets staged uncompressed (SlurmDataStage), when the run has one
/// ```
public struct SlurmRunDirectory: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// `<reportsRoot>/.slurm` (hidden from the reports index).
    public static func root(reportsRoot: URL) -> URL { reportsRoot.appendingPathComponent(".slurm") }

    public var manifest: URL { url.appendingPathComponent("run.json") }
    public var script: URL { url.appendingPathComponent("job.sh") }
    public var trials: URL { url.appendingPathComponent("trials") }
    public var results: URL { url.appendingPathComponent("results") }
    public var status: URL { url.appendingPathComponent("status") }
    public var logs: URL { url.appendingPathComponent("logs") }
    public var checkpoints: URL { url.appendingPathComponent("checkpoints") }
    public var data: URL { url.appendingPathComponent("data") }

    public func config(_ i: Int) -> URL { trials.appendingPathComponent("\(i).json") }
    public func result(_ i: Int) -> URL { results.appendingPathComponent("\(i).json") }
    public func status(_ i: Int) -> URL { status.appendingPathComponent("\(i)") }
    public func log(_ i: Int) -> URL { logs.appendingPathComponent("\(i).log") }

    func create() throws {
        for dir in [url, trials, results, status, logs, checkpoints] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
    }

    /// Indices that have a result file now (one directory listing, however many trials).
    func finishedIndices() -> Set<Int> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: results.path)) ?? []
        return Set(names.compactMap { $0.hasSuffix(".json") ? Int($0.dropLast(5)) : nil })
    }

    /// The task's status line as key → value (`state`, `rc`, `job`, `restart`), empty when there is none.
    func taskStatus(_ i: Int) -> [String: String] {
        guard let text = try? String(contentsOf: status(i), encoding: .utf8) else { return [:] }
        var fields: [String: String] = [:]
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let kv = word.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
        }
        return fields
    }

    /// The last `lines` lines of trial i's log, for a failure message.
    func logTail(_ i: Int, lines: Int = 3) -> String {
        guard let text = try? String(contentsOf: log(i), encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(lines).joined(separator: " | ")
    }
}

/// What a Slurm run submitted and how far it got: enough for `replicate collect` to finish it from another
/// process, and for a person to find every job.
public struct SlurmRunManifest: Codable, Sendable {
    public static let currentVersion = 1

    public struct Task: Codable, Sendable {
        public var configHash: String
        public var label: String
        /// Every Slurm job this trial ran as, `<array id>_<task id>`, the current one last.
        public var jobs: [String]
        public var timeLimitSeconds: Int
        /// The error verdict once the driver gave up on the task; nil while it runs or when it has a result.
        public var failure: String?
    }

    /// How `replicate collect` rebuilds the run (`PaperRun` inputs).
    public struct Origin: Codable, Sendable {
        public var paper: String
        public var scale: String
        public var seeds: Int?
        public var specRoot: String
        public var reportsRoot: String
        public var dataRoot: String
        /// The run's `--conv-path` (in every trial key, so `collect` must rebuild the same keys); nil: im2col,
        /// as in manifests written before it was recorded.
        public var convPath: String?

        public init(paper: String, scale: String, seeds: Int?, specRoot: String, reportsRoot: String, dataRoot: String,
                    convPath: String? = nil) {
            self.paper = paper; self.scale = scale; self.seeds = seeds; self.specRoot = specRoot
            self.reportsRoot = reportsRoot; self.dataRoot = dataRoot; self.convPath = convPath
        }
    }

    public var version = SlurmRunManifest.currentVersion
    public var runId: String
    public var createdAt: Date
    public var origin: Origin
    /// `replicate` as the tasks run it.
    public var executable: String
    public var resources: SlurmResources
    /// Every array job submitted (the first, chunks of big runs, resubmissions).
    public var arrays: [String]
    public var tasks: [Task]
    /// Set when the driver cancelled the run (Ctrl-C).
    public var cancelled = false

    func write(to dir: SlurmRunDirectory) throws {
        try DurableFile.write(try RunRecord.makeEncoder().encode(self), to: dir.manifest)
    }

    static func load(from dir: SlurmRunDirectory) throws -> SlurmRunManifest {
        let data: Data
        do { data = try Data(contentsOf: dir.manifest) } catch {
            throw SlurmRunNotFound(path: dir.manifest.path, reason: "no Slurm run here (\(error.localizedDescription))")
        }
        do {
            let m = try RunRecord.makeDecoder().decode(SlurmRunManifest.self, from: data)
            guard m.version == currentVersion else {
                throw SlurmRunNotFound(path: dir.manifest.path, reason: "manifest version \(m.version), this replicate reads \(currentVersion)")
            }
            return m
        } catch let e as SlurmRunNotFound { throw e } catch {
            throw SlurmRunNotFound(path: dir.manifest.path, reason: "not a Slurm run manifest: \(RunRecord.describe(error))")
        }
    }
}

/// `replicate collect --run ID` named a run that is not there or not readable (bad input).
public struct SlurmRunNotFound: UserInputError {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
