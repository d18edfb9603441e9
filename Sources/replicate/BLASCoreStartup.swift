import Foundation
import Engine

/// Runs before anything else: when no `OPENBLAS_CORETYPE` was set and OpenBLAS picked a core below this
/// CPU (a generic fallback) or one whose sgemm disagrees with a plain reference, sets the best candidate
/// and runs this binary again (OpenBLAS reads the variable only when it loads). The re-run checks its core
/// the same way, so a candidate that computes wrong is rejected and the next one tried; when every candidate
/// fails, the library's own choice is restored. A core the user set is never replaced (the report and
/// `replicate bench` say when it leaves vector width unused).
enum BLASCoreStartup {
    /// Re-runs are bounded: each one rejects or settles a core, and there are at most three candidates.
    static let maximumRuns = 4

    static func chooseCore() {
        let env = ProcessInfo.processInfo.environment
        if let set = env["OPENBLAS_CORETYPE"], !set.isEmpty, env[BLASCore.choiceVariable] != set { return }
        let runs = Int(env["REPLICATE_BLAS_RUNS"] ?? "") ?? 0
        guard runs < maximumRuns else { return }
        let inUse = BLASCore.inUse, passed = BLASSelfCheck.run() == nil
        var rejected = (env[BLASCore.rejectedVariable] ?? "").split(separator: ",").map(String.init)
        if !passed && !rejected.contains(inUse) { rejected.append(inUse) }
        if let next = BLASCore.replacement(inUse: inUse, selfCheckPassed: passed, cpu: .current(), environment: env) {
            setenv("OPENBLAS_CORETYPE", next, 1)
            setenv(BLASCore.choiceVariable, next, 1)
        } else if !passed && env[BLASCore.choiceVariable] != nil {
            // Every candidate computed wrong: back to OpenBLAS's own choice, marked so it is not retried.
            unsetenv("OPENBLAS_CORETYPE")
            setenv(BLASCore.choiceVariable, "none", 1)
        } else {
            return
        }
        if !rejected.isEmpty { setenv(BLASCore.rejectedVariable, rejected.joined(separator: ","), 1) }
        setenv("REPLICATE_BLAS_RUNS", "\(runs + 1)", 1)
        fflush(stdout)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // execv returned: it failed. Carry on with the core in use; the report names it.
    }
}
