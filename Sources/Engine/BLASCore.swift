import Foundation
import COpenBLAS

/// Which OpenBLAS kernel set ("core") runs the GEMMs, who chose it, and whether it computes right here.
///
/// OpenBLAS picks its core once, when the library loads, from `OPENBLAS_CORETYPE` or its own CPUID table.
/// Debian's 0.3.21 does not know every current CPU and then falls back to a generic SSE3 core (Prescott),
/// 4–8× slower than the AVX-512 kernels it ships. A core can also compute wrong results on CPUs it was
/// not written for, so a choice is checked against a plain reference before it is trusted.
///
/// A core already set in `OPENBLAS_CORETYPE` is the user's (or machine's) choice and is honoured. Only
/// when none is set does the `replicate` binary choose one: it sets the variable and runs itself again
/// once (`BLASCoreChoice`), with `REPLICATE_BLAS_CHOICE` naming what it chose so the report can say so.
public struct BLASCore: Sendable, Equatable {
    /// Who decided the core in use.
    public enum Origin: String, Sendable {
        /// `OPENBLAS_CORETYPE` was set before `replicate` started.
        case user
        /// OpenBLAS's own CPUID detection.
        case library
        /// `replicate` set `OPENBLAS_CORETYPE` and re-ran itself.
        case replicate
    }

    /// The core OpenBLAS runs, e.g. `Haswell`, `SkylakeX`, `Prescott`.
    public var name: String
    public var origin: Origin
    /// Cores `replicate` tried and rejected because their results disagreed with the reference.
    public var rejected: [String]

    public init(name: String, origin: Origin, rejected: [String]) {
        self.name = name; self.origin = origin; self.rejected = rejected
    }

    /// Set by the binary when it chose the core itself; names the core chosen.
    public static let choiceVariable = "REPLICATE_BLAS_CHOICE"
    /// Set by the binary to the cores that failed the self-check (comma-separated).
    public static let rejectedVariable = "REPLICATE_BLAS_REJECTED"

    /// The core in use in this process.
    public static var inUse: String { String(cString: openblas_get_corename()) }

    /// The core in use and who chose it, from this process's environment.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> BLASCore {
        let rejected = (environment[rejectedVariable] ?? "").split(separator: ",").map(String.init)
        let origin: Origin
        if let chosen = environment[choiceVariable], environment["OPENBLAS_CORETYPE"] == chosen {
            origin = .replicate
        } else if environment["OPENBLAS_CORETYPE"].map({ !$0.isEmpty }) ?? false {
            origin = .user
        } else {
            origin = .library
        }
        return BLASCore(name: inUse, origin: origin, rejected: rejected)
    }

    /// `Haswell (set by OPENBLAS_CORETYPE)`: the name and who chose it, for reports.
    public var description: String {
        let who: String
        switch origin {
        case .user: who = "set by OPENBLAS_CORETYPE"
        case .library: who = "OpenBLAS's own choice"
        case .replicate: who = "chosen by replicate for this CPU"
        }
        return "\(name) (\(who)\(rejected.isEmpty ? "" : "; rejected after a wrong self-check: " + rejected.joined(separator: ", ")))"
    }

    /// The vector level of a core's sgemm kernels (unknown names count as generic).
    public static func level(of core: String) -> CPUFeatures.Level {
        switch core.lowercased() {
        case "skylakex", "cooperlake", "sapphirerapids": return .avx512
        case "haswell", "zen", "excavator": return .avx2
        case "sandybridge", "bulldozer", "piledriver", "steamroller": return .avx
        default: return .sse
        }
    }

    /// Whether `core` leaves vector width unused on `cpu`.
    public static func isBelow(_ core: String, cpu: CPUFeatures) -> Bool { level(of: core) < cpu.level }

    /// Cores to try on `cpu`, best first, each within what the CPU runs (the library's own choice last).
    public static func candidates(for cpu: CPUFeatures) -> [String] {
        switch cpu.level {
        case .avx512: return (cpu.flags.contains("avx512_bf16") ? ["Cooperlake"] : []) + ["SkylakeX", "Haswell"]
        case .avx2: return cpu.isAMD ? ["Zen", "Haswell"] : ["Haswell"]
        case .avx: return ["Sandybridge"]
        case .sse: return []
        }
    }

    /// The core the binary should run itself again with, or nil to keep the one in use: only when no
    /// core was set by the user, the one in use is below the CPU or failed its self-check, and a candidate
    /// not yet rejected remains.
    public static func replacement(inUse: String, selfCheckPassed: Bool, cpu: CPUFeatures,
                                   environment: [String: String]) -> String? {
        if let set = environment["OPENBLAS_CORETYPE"], !set.isEmpty, environment[choiceVariable] != set { return nil }
        guard !selfCheckPassed || isBelow(inUse, cpu: cpu) else { return nil }
        let rejected = Set((environment[rejectedVariable] ?? "").split(separator: ",").map(String.init))
            .union(selfCheckPassed ? [] : [inUse])
        return candidates(for: cpu).first { !rejected.contains($0) && $0 != inUse }
    }
}
