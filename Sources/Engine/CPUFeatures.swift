import Foundation

/// What the CPU can run, from the kernel's view of CPUID (`/proc/cpuinfo` flags: a feature counts only
/// when the OS also saves its registers, which is what matters for using it).
public struct CPUFeatures: Sendable, Equatable {
    /// The widest vector level the BLAS and the engine's kernels can use.
    public enum Level: Int, Comparable, Sendable, CustomStringConvertible {
        case sse = 0, avx, avx2, avx512
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        public var description: String {
            switch self {
            case .sse: return "SSE"
            case .avx: return "AVX"
            case .avx2: return "AVX2+FMA"
            case .avx512: return "AVX-512"
            }
        }
    }

    public var vendor: String
    public var model: String
    public var flags: Set<String>

    public init(vendor: String, model: String, flags: Set<String>) {
        self.vendor = vendor; self.model = model; self.flags = flags
    }

    public var level: Level {
        if ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(flags.contains) { return .avx512 }
        if flags.contains("avx2") && flags.contains("fma") { return .avx2 }
        if flags.contains("avx") { return .avx }
        return .sse
    }

    public var isAMD: Bool { vendor == "AuthenticAMD" || vendor == "HygonGenuine" }

    /// `AVX-512 (bf16, vnni)`: the level and the extensions worth knowing for float kernels.
    public var isa: String {
        let extras = [("avx512_bf16", "bf16"), ("avx512_vnni", "vnni"), ("amx_tile", "amx")]
            .filter { flags.contains($0.0) }.map(\.1)
        return extras.isEmpty || level < .avx512 ? level.description : "\(level) (\(extras.joined(separator: ", ")))"
    }

    /// The first processor's entry of `/proc/cpuinfo`.
    public static func current(cpuinfo path: String = "/proc/cpuinfo") -> CPUFeatures {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return CPUFeatures(vendor: "unknown", model: "unknown", flags: [])
        }
        return parse(text)
    }

    public static func parse(_ text: String) -> CPUFeatures {
        var vendor = "unknown", model = "unknown", flags: Set<String> = []
        for line in text.split(separator: "\n") {
            let kv = line.split(separator: ":", maxSplits: 1)
            guard kv.count == 2 else { if line.isEmpty { break } else { continue } }
            let key = kv[0].trimmingCharacters(in: .whitespaces), value = kv[1].trimmingCharacters(in: .whitespaces)
            switch key {
            case "vendor_id": vendor = value
            case "model name": model = value
            case "flags": flags = Set(value.split(separator: " ").map(String.init))
            default: break
            }
            if !flags.isEmpty && model != "unknown" && vendor != "unknown" { break }
        }
        return CPUFeatures(vendor: vendor, model: model, flags: flags)
    }
}
