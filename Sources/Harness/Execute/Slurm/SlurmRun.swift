import Foundation

/// One run on Slurm: its folder, its manifest and the jobs behind it. Submits arrays (in chunks below the
/// cluster's `MaxArraySize`) and single-task resubmissions; `SlurmRun+Wait` watches them.
final class SlurmRun {
    let directory: SlurmRunDirectory
    var manifest: SlurmRunManifest
    let client: SlurmClient

    private init(directory: SlurmRunDirectory, manifest: SlurmRunManifest, client: SlurmClient) {
        self.directory = directory; self.manifest = manifest; self.client = client
    }

    /// Opens a run that was submitted earlier (`replicate collect`).
    static func open(_ directory: SlurmRunDirectory, client: SlurmClient = SlurmClient()) throws -> SlurmRun {
        SlurmRun(directory: directory, manifest: try SlurmRunManifest.load(from: directory), client: client)
    }

    /// Writes the run folder and submits one array task per config. On a refusal nothing stays behind:
    /// arrays already submitted are cancelled and the folder is removed.
    static func submit(_ configs: [TrialConfig], _ s: SlurmSubmission, client: SlurmClient = SlurmClient()) throws -> SlurmRun {
        let runId = makeRunId(paper: s.origin.paper, scale: s.origin.scale)
        let dir = SlurmRunDirectory(url: s.runsRoot.appendingPathComponent(runId).standardizedFileURL)
        guard !dir.url.path.contains("%"), !dir.url.path.contains("\n") else { throw SlurmPathError(path: dir.url.path) }
        try dir.create()
        let tasks = configs.enumerated().map { i, c in
            SlurmRunManifest.Task(configHash: c.hash, label: "\(c.paper) \(c.method.id) seed \(c.seed) [\(i + 1)/\(configs.count)]",
                                  jobs: [], timeLimitSeconds: s.resources.timeLimitSeconds)
        }
        let manifest = SlurmRunManifest(runId: runId, createdAt: Date(), origin: s.origin, executable: s.executable,
                                        resources: s.resources, arrays: [], tasks: tasks)
        let run = SlurmRun(directory: dir, manifest: manifest, client: client)
        do {
            for (i, c) in configs.enumerated() { try c.write(to: dir.config(i)) }
            let dataRoot = try SlurmDataStage.stage(datasets: Set(configs.map(\.data.dataset)),
                                                    root: URL(fileURLWithPath: s.origin.dataRoot), run: dir)
            let script = SlurmJobScript(runDirectory: dir.url, executable: s.executable, dataRoot: dataRoot.path,
                                        trialArguments: s.trialArguments)
            try DurableFile.write(Data(try script.text().utf8), to: dir.script)
            chmod(dir.script.path, 0o755)
            try manifest.write(to: dir)
            let chunk = max(1, s.maxArrayTasks ?? client.maxArraySize() - 1)
            for offset in stride(from: 0, to: configs.count, by: chunk) {
                let count = min(chunk, configs.count - offset)
                try run.submitArray(offset: offset, count: count, timeLimitSeconds: s.resources.timeLimitSeconds)
            }
        } catch {
            try? client.cancel(run.manifest.arrays)
            try? FileManager.default.removeItem(at: dir.url)
            throw error
        }
        return run
    }

    /// Submits trials `offset ..< offset + count` as one array (task k runs trial offset + k).
    private func submitArray(offset: Int, count: Int, timeLimitSeconds: Int) throws {
        var resources = manifest.resources
        resources.timeLimitSeconds = timeLimitSeconds
        let options = resources.sbatchOptions + [
            "--job-name=replicate-\(manifest.runId)", "--array=0-\(count - 1)", "--chdir=\(directory.url.path)",
            "--output=\(directory.logs.path)/slurm-%A_%a.out", "--open-mode=append", "--requeue", "--export=ALL",
        ]
        let id = try client.submit(script: directory.script, options: options, arguments: ["\(offset)"])
        manifest.arrays.append(id)
        for k in 0..<count {
            manifest.tasks[offset + k].jobs.append("\(id)_\(k)")
            manifest.tasks[offset + k].timeLimitSeconds = timeLimitSeconds
        }
        try manifest.write(to: directory)
    }

    /// Submits trial `i` again. With a checkpoint it resumes and keeps its time limit; without one it
    /// starts over, so a task that ran out of time gets twice as long.
    func resubmit(_ i: Int, grow: Bool) throws {
        let t = manifest.tasks[i].timeLimitSeconds
        try submitArray(offset: i, count: 1, timeLimitSeconds: grow ? 2 * t : t)
    }

    /// Whether trial `i` left a checkpoint its next attempt can resume from.
    func hasCheckpoint(_ i: Int) -> Bool {
        let folder = directory.checkpoints.appendingPathComponent(manifest.tasks[i].configHash)
        return !((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty
    }

    /// Cancels every job of the run that may still be queued or running.
    func cancelAll() throws {
        try client.cancel(manifest.arrays)
        manifest.cancelled = true
        try manifest.write(to: directory)
    }

    /// `<paper>-<scale>-<UTC time>-<random>`, restricted to characters safe in a file and a job name.
    static func makeRunId(paper: String, scale: String, date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        let safe = String(paper.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" }.prefix(40))
        return "\(safe)-\(scale)-\(f.string(from: date))-\(String(UInt32.random(in: 0x1000...0xFFFF), radix: 16))"
    }
}
