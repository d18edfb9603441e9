/// A Slurm job state as `squeue %T`, `scontrol JobState=` and `sacct -o state` print it.
///
/// Success is decided from the state, never from the exit code alone: a task that traps SIGTERM and exits
/// 143 shows `ExitCode=143:0` whether it was cancelled or timed out (Slurm 22.05, measured on the local cluster
/// of scripts/local_slurm_start.sh).
public enum SlurmJobState: String, Sendable, Codable, CaseIterable {
    case pending = "PENDING", configuring = "CONFIGURING", running = "RUNNING", completing = "COMPLETING"
    case suspended = "SUSPENDED", requeued = "REQUEUED", requeueFed = "REQUEUE_FED", requeueHold = "REQUEUE_HOLD"
    case resizing = "RESIZING", signaling = "SIGNALING", stageOut = "STAGE_OUT", stopped = "STOPPED"
    case resvDelHold = "RESV_DEL_HOLD"
    case completed = "COMPLETED", failed = "FAILED", cancelled = "CANCELLED", timeout = "TIMEOUT"
    case nodeFail = "NODE_FAIL", outOfMemory = "OUT_OF_MEMORY", bootFail = "BOOT_FAIL", deadline = "DEADLINE"
    case preempted = "PREEMPTED", revoked = "REVOKED", specialExit = "SPECIAL_EXIT"

    /// Parses `CANCELLED by 0` (sacct's form) as well as the bare name; nil for a state this version
    /// does not know.
    public init?(slurm text: String) {
        let word = text.split(separator: " ").first.map(String.init) ?? ""
        self.init(rawValue: word.uppercased())
    }

    /// The job will not run again by itself.
    public var isFinal: Bool {
        switch self {
        case .completed, .failed, .cancelled, .timeout, .nodeFail, .outOfMemory, .bootFail, .deadline,
             .preempted, .revoked, .specialExit:
            return true
        default:
            return false
        }
    }

    public var isRunning: Bool { self == .running || self == .completing || self == .configuring || self == .signaling }
}

/// Pending reasons that never clear by waiting: the request exceeds the partition's nodes or limits.
/// (Slurm accepts such a job when the partition does not enforce its limits at submission.)
public let slurmHopelessPendingReasons: Set<String> = ["PartitionConfig", "BadConstraints", "PartitionTimeLimit"]

/// Why a trial's task ended without a result, and what the driver does about it.
public enum SlurmTaskFailure: Equatable, Sendable {
    case timeLimit
    case nodeFailure
    case preempted
    case cancelled
    case outOfMemory
    /// The task exited 0 but left no result file.
    case noResult
    /// The task (the job script or `replicate trial`) failed with this exit code.
    case exitCode(Int)
    /// Slurm no longer knows the task (its record was purged) and the task left no status file.
    case lost
    /// The task waits for something the partition can never give it (the pending reason); it was cancelled.
    case cannotStart(String)
    case other(String)

    /// The outcome of a final state when the task wrote no result; nil for states that are not final.
    public init?(state: SlurmJobState, exitCode: Int?) {
        switch state {
        case .timeout, .deadline: self = .timeLimit
        case .nodeFail, .bootFail: self = .nodeFailure
        case .preempted: self = .preempted
        case .cancelled, .revoked: self = .cancelled
        case .outOfMemory: self = .outOfMemory
        case .completed: self = .noResult
        case .failed: self = .exitCode(exitCode ?? 1)
        case .specialExit: self = .other("special exit")
        default: return nil
        }
    }

    /// Whether running the trial again can help: the machine, not the trial, was at fault (with a
    /// checkpoint, a trial that hit its time limit continues where it stopped).
    public var isRetryable: Bool {
        switch self {
        case .timeLimit, .nodeFailure, .preempted, .lost: return true
        default: return false
        }
    }

    /// The verdict text recorded as the trial's error.
    public var summary: String {
        switch self {
        case .timeLimit: return "time limit reached"
        case .nodeFailure: return "node failure"
        case .preempted: return "preempted"
        case .cancelled: return "cancelled (scancel or an administrator)"
        case .outOfMemory: return "out of memory (raise --mem)"
        case .noResult: return "the task exited 0 but wrote no result"
        case .exitCode(let c): return "the task failed with exit code \(c)"
        case .lost: return "lost: Slurm has no record of the task and it left no status"
        case .cannotStart(let reason):
            return "Slurm cannot start the task (pending, reason \(reason)): it asks for more CPUs, memory, GPUs or time "
                + "than the partition offers; the task was cancelled"
        case .other(let s): return s
        }
    }
}
