import Foundation

/// What a new Slurm run submits, and how the driver watches it.
public struct SlurmSubmission: Sendable {
    public var resources: SlurmResources
    /// The `replicate` executable as the compute nodes see it (shared storage).
    public var executable: String
    /// Where run folders go: `<reports>/.slurm`.
    public var runsRoot: URL
    public var origin: SlurmRunManifest.Origin
    /// Submit and return (`SlurmDetached`) instead of waiting; `replicate collect` finishes the run.
    public var detach = false
    /// Extra words for `replicate trial` (generated flags such as checkpoint options).
    public var trialArguments: [String] = []
    /// Tasks per array; nil: as many as the cluster's `MaxArraySize` allows. Bigger runs go in several arrays.
    public var maxArrayTasks: Int?

    public init(resources: SlurmResources, executable: String, runsRoot: URL, origin: SlurmRunManifest.Origin) {
        self.resources = resources; self.executable = executable; self.runsRoot = runsRoot; self.origin = origin
    }
}

/// How the driver polls and when it gives up on a task.
public struct SlurmPolicy: Sendable {
    /// Seconds between polls of the results folder and `squeue`.
    public var pollInterval = 1.0
    /// Times a task that hit its time limit, lost its node or was preempted is submitted again.
    public var maxRequeues = 2
    /// How long a task that ended COMPLETED may take to show its result file (shared file systems cache).
    public var resultGraceSeconds = 5.0
    /// Consecutive seconds of failing `squeue` calls before the driver stops.
    public var queryFailureLimitSeconds = 120.0

    public init() {}
}

/// `--detach`: the run was submitted; `replicate collect --run <runId>` finishes it.
public struct SlurmDetached: Error, CustomStringConvertible {
    public var runId: String
    public var directory: URL
    public var jobs: [String]
    public var trials: Int
    public var description: String {
        "submitted \(trials) trials as Slurm job\(jobs.count == 1 ? "" : "s") \(jobs.joined(separator: ", ")) (run \(runId), \(directory.path)); "
            + "finish with: replicate collect --run \(runId)"
    }
}

/// Ctrl-C (or SIGTERM) reached the driver; the run's jobs were cancelled.
public struct SlurmInterrupted: Error, CustomStringConvertible {
    public var runId: String
    public var jobs: [String]
    public var description: String { "interrupted: cancelled Slurm job\(jobs.count == 1 ? "" : "s") \(jobs.joined(separator: ", ")) of run \(runId)" }
}

/// `replicate collect` found trials the run never submitted: the spec changed since.
public struct SlurmRunMismatch: UserInputError {
    public var runId: String
    public var trial: String
    public var description: String {
        "run \(runId) has no trial \(trial): the spec (or the engine) changed since it was submitted; submit a new run"
    }
}

/// A run folder path Slurm cannot take in `--output` (it expands `%`) or a shell line cannot hold.
public struct SlurmPathError: UserInputError {
    public var path: String
    public var description: String { "--reports: '\(path)' cannot hold a Slurm run folder: no '%' or line breaks, please" }
}
