import Foundation

/// The process's peak resident set size so far (`getrusage`'s `ru_maxrss`, KiB on Linux), in MiB.
///
/// It only grows: a bench that runs several workloads in one process reports each one's peak including the
/// earlier ones; run one workload per process (`--workload W2`) to compare with PyTorch's peak for the same step.
public enum PeakRSS {
    public static func megabytes() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return .nan }
        return Double(usage.ru_maxrss) / 1024
    }
}
