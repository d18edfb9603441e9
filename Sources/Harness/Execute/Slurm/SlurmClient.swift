import Foundation

/// The Slurm commands the executor uses, run as argument vectors and parsed from their stable
/// delimiter formats (`-o`/`-P -o`, never `--json`: its schema changes between versions and in 22.05 it
/// ignores filters and misreports exit codes, as measured on the local cluster of scripts/local_slurm_start.sh).
public struct SlurmClient: Sendable {
    /// One array task as `squeue`/`sacct` report it.
    public struct TaskRecord: Equatable, Sendable {
        /// `<array job id>_<task id>`.
        public var id: String
        public var state: SlurmJobState
        public var reason: String
        public var exitCode: Int?
    }

    public init() {}

    /// `sbatch --parsable`: returns the job id.
    public func submit(script: URL, options: [String], arguments: [String]) throws -> String {
        let out = try Subprocess.run("sbatch", ["--parsable"] + options + [script.path] + arguments)
        guard out.status == 0 else {
            throw SlurmSubmitError(reason: out.lastLine.isEmpty ? "sbatch exited with status \(out.status)" : out.lastLine)
        }
        // "<id>" or "<id>;<cluster>"
        let id = out.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        guard id.range(of: "^[0-9]+$", options: .regularExpression) != nil else {
            throw SlurmCommandError(command: "sbatch", reason: "unexpected output '\(out.stdout)'")
        }
        return id
    }

    /// Every task of the given array jobs that slurmctld still holds (finished ones until `MinJobAge`).
    /// Ids Slurm no longer knows are left out, not an error.
    public func tasks(ofArrays jobIDs: [String]) throws -> [String: TaskRecord] {
        try arrayRecords(jobIDs)
    }

    /// The record of task `A_i`: its own, else its array's task-less record.
    public static func record(of task: String, in records: [String: TaskRecord]) -> TaskRecord? {
        records[task] ?? task.split(separator: "_").first.flatMap { records["\($0)_*"] }
    }

    private func arrayRecords(_ jobIDs: [String]) throws -> [String: TaskRecord] {
        guard !jobIDs.isEmpty else { return [:] }
        let out = try Subprocess.run("squeue", ["-h", "-t", "all", "-r", "-j", jobIDs.joined(separator: ","),
                                                "-o", "%F|%K|%T|%r"])
        if out.status != 0 {
            // One purged id makes squeue exit 1 with "Invalid job id specified" (several: silently dropped).
            if out.stderr.contains("Invalid job id") { return [:] }
            throw SlurmCommandError(command: "squeue", reason: out.lastLine)
        }
        return Self.parseSqueue(out.stdout)
    }

    /// `%F|%K|%T|%r` lines → records by `A_i`. Lines of pending tasks not yet split out (`%K` = `0-9%2`)
    /// are expanded to one record per task; an array record without task ids (`N/A`) is keyed `A_*`.
    static func parseSqueue(_ text: String) -> [String: TaskRecord] {
        var records: [String: TaskRecord] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4, let state = SlurmJobState(slurm: f[2]) else { continue }
            if f[1] == "N/A" {
                // An array whose tasks were never split out (e.g. a one-task array cancelled while pending):
                // the record speaks for every task of the array that has none of its own.
                records["\(f[0])_*"] = TaskRecord(id: "\(f[0])_*", state: state, reason: f[3], exitCode: nil)
                continue
            }
            for task in expandTaskIDs(f[1]) {
                records["\(f[0])_\(task)"] = TaskRecord(id: "\(f[0])_\(task)", state: state, reason: f[3], exitCode: nil)
            }
        }
        return records
    }

    /// `3`, `0-9`, `0-9%2`, `1,3,5-7` → task ids.
    static func expandTaskIDs(_ text: String) -> [Int] {
        let body = text.split(separator: "%").first.map(String.init) ?? text
        var ids: [Int] = []
        for part in body.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",") {
            let ends = part.split(separator: "-").compactMap { Int($0) }
            if ends.count == 1 { ids.append(ends[0]) } else if ends.count == 2, ends[0] <= ends[1] { ids += Array(ends[0]...ends[1]) }
        }
        return ids
    }

    /// Whether `sacct` has a database behind it. Without one it prints "accounting storage is disabled"
    /// and still exits 0, so ask the configuration instead.
    public func accountingEnabled() -> Bool {
        guard let v = try? config()["AccountingStorageType"] else { return false }
        return !v.hasSuffix("/none")
    }

    /// `scontrol show config` as key → value.
    public func config() throws -> [String: String] {
        let out = try Subprocess.run("scontrol", ["show", "config"])
        guard out.status == 0 else { throw SlurmCommandError(command: "scontrol show config", reason: out.lastLine) }
        var c: [String: String] = [:]
        for line in out.stdout.split(separator: "\n") {
            guard let eq = line.range(of: " = ") else { continue }
            c[line[..<eq.lowerBound].trimmingCharacters(in: .whitespaces)] = line[eq.upperBound...].trimmingCharacters(in: .whitespaces)
        }
        return c
    }

    /// The final records `sacct` holds for these array jobs (accounting only; records arrive ~1 s late).
    public func accountedTasks(ofArrays jobIDs: [String]) throws -> [String: TaskRecord] {
        guard !jobIDs.isEmpty else { return [:] }
        let out = try Subprocess.run("sacct", ["-n", "-X", "-P", "-j", jobIDs.joined(separator: ","), "-o", "jobid,state,exitcode"])
        guard out.status == 0 else { throw SlurmCommandError(command: "sacct", reason: out.lastLine) }
        return Self.parseSacct(out.stdout)
    }

    /// `jobid|state|exitcode` lines (`15_3|CANCELLED by 0|0:15`); lines of not-yet-split pending tasks
    /// (`15_[4-9]`) are skipped: `squeue` reports those.
    static func parseSacct(_ text: String) -> [String: TaskRecord] {
        var records: [String: TaskRecord] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 3, !f[0].contains("["), f[0].contains("_"), let state = SlurmJobState(slurm: f[1]) else { continue }
            let code = f[2].split(separator: ":").first.flatMap { Int($0) }
            records[f[0]] = TaskRecord(id: f[0], state: state, reason: "", exitCode: code)
        }
        return records
    }

    /// `scancel` the given jobs (whole arrays or `A_i` tasks).
    public func cancel(_ jobIDs: [String]) throws {
        guard !jobIDs.isEmpty else { return }
        let out = try Subprocess.run("scancel", jobIDs)
        guard out.status == 0 else { throw SlurmCommandError(command: "scancel", reason: out.lastLine) }
    }

    /// CPUs of the biggest node in `partition` (the default partition when nil); nil when `sinfo` cannot say.
    public func largestNodeCPUs(partition: String?) -> Int? {
        let args = ["-h", "-o", "%c"] + (partition.map { ["-p", $0] } ?? [])
        guard let out = try? Subprocess.run("sinfo", args), out.status == 0 else { return nil }
        return out.stdout.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces).filter(\.isNumber)) }.max()
    }

    /// The largest array index + 1 the cluster accepts (`MaxArraySize`).
    public func maxArraySize() -> Int {
        (try? config()["MaxArraySize"]).flatMap { $0.flatMap { Int($0) } } ?? 1001
    }
}

/// `sbatch` refused the job (a partition, account or resource request the cluster rejects): bad input.
public struct SlurmSubmitError: UserInputError {
    public var reason: String
    public var description: String { "--executor slurm: sbatch refused the job: \(reason)" }
}

/// A Slurm command failed in a way that is not about the user's request.
public struct SlurmCommandError: Error, CustomStringConvertible {
    public var command: String
    public var reason: String
    public var description: String { "\(command) failed: \(reason)" }
}
