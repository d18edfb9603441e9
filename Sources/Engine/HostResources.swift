import Foundation
#if os(Linux)
/// glibc's `sched_getaffinity` (the Glibc module hides it behind `_GNU_SOURCE`).
@_silgen_name("sched_getaffinity")
private func glibcSchedGetaffinity(_ pid: Int32, _ size: Int, _ mask: UnsafeMutableRawPointer) -> Int32
#endif

/// The CPUs this process may use, and why: read once per trial to size the engine's workers.
///
/// The online core count is not what a process gets: `taskset`, a container's cgroup quota or a Slurm task
/// narrow it. Those limits are read here (the affinity mask, the cgroup v2 `cpu.max` or v1 CFS quota) and
/// an explicit request (`SLURM_CPUS_PER_TASK`, then `OPENBLAS_NUM_THREADS`) is honoured within them.
public struct HostResources: Sendable, Equatable {
    /// CPUs in the affinity mask (`sched_getaffinity`).
    public var affinityCPUs: Int
    /// The cgroup CPU quota in CPUs (quota / period), nil when unlimited or unreadable.
    public var cgroupQuota: Double?
    /// The variable that asked for a thread count, and its value.
    public var requested: (name: String, value: Int)?
    /// Most workers the engine uses: conv weight gradients keep one partial per worker.
    public static let maximumWorkers = 8

    public init(affinityCPUs: Int, cgroupQuota: Double? = nil, requested: (name: String, value: Int)? = nil) {
        self.affinityCPUs = max(1, affinityCPUs); self.cgroupQuota = cgroupQuota; self.requested = requested
    }

    public static func == (a: HostResources, b: HostResources) -> Bool {
        a.affinityCPUs == b.affinityCPUs && a.cgroupQuota == b.cgroupQuota
            && a.requested?.name == b.requested?.name && a.requested?.value == b.requested?.value
    }

    /// CPUs available: the affinity mask, narrowed by the cgroup quota (rounded up: 1.5 CPUs run 2 threads).
    public var availableCPUs: Int {
        guard let q = cgroupQuota else { return affinityCPUs }
        return max(1, min(affinityCPUs, Int(q.rounded(.up))))
    }

    /// The worker count: the request if there is one, else what is available; at most `maximumWorkers`.
    /// A request above the available CPUs is honoured (the user asked for it), never above the maximum.
    public var workers: Int { min(Self.maximumWorkers, max(1, requested?.value ?? availableCPUs)) }

    /// Why `workers` has its value, e.g. `affinity 2 CPUs` or `SLURM_CPUS_PER_TASK=4 (affinity 64 CPUs)`.
    public var source: String {
        var limits = "affinity \(affinityCPUs) CPUs"
        if let q = cgroupQuota { limits += ", cgroup quota \(String(format: "%g", q)) CPUs" }
        let capped = (requested?.value ?? availableCPUs) > Self.maximumWorkers ? ", capped at \(Self.maximumWorkers)" : ""
        if let r = requested { return "\(r.name)=\(r.value) (\(limits))\(capped)" }
        return limits + capped
    }

    /// Reads this process's limits and `environment`'s requests.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> HostResources {
        HostResources(affinityCPUs: affinityCount() ?? ProcessInfo.processInfo.activeProcessorCount,
                      cgroupQuota: cgroupQuota(), requested: request(in: environment))
    }

    /// The first positive integer among the variables that ask for a thread count.
    public static func request(in environment: [String: String]) -> (name: String, value: Int)? {
        for name in ["SLURM_CPUS_PER_TASK", "OPENBLAS_NUM_THREADS"] {
            if let text = environment[name], let v = Int(text.trimmingCharacters(in: .whitespaces)), v > 0 {
                return (name, v)
            }
        }
        return nil
    }

    /// CPUs in this thread's affinity mask.
    static func affinityCount() -> Int? {
        #if os(Linux)
        var mask = [UInt8](repeating: 0, count: 1024)  // 8192 CPUs
        guard glibcSchedGetaffinity(0, mask.count, &mask) == 0 else { return nil }
        let bits = mask.reduce(0) { $0 + $1.nonzeroBitCount }
        return bits > 0 ? bits : nil
        #else
        return nil
        #endif
    }

    /// The tightest CPU quota on this process's cgroup path: v2 `cpu.max`, else v1 `cpu.cfs_quota_us /
    /// cpu.cfs_period_us`, for its own cgroup and each ancestor (a parent's limit binds its children too).
    static func cgroupQuota(root: String = "/sys/fs/cgroup") -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) else { return nil }
        var best: Double?
        func consider(_ q: Double?) { if let q { best = min(best ?? q, q) } }
        for line in text.split(separator: "\n") {
            let f = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard f.count == 3 else { continue }
            let controllers = f[1].split(separator: ","), path = String(f[2])
            if f[0] == "0" && f[1].isEmpty {  // v2 unified hierarchy
                for dir in ancestors(path) {
                    let base = FileManager.default.fileExists(atPath: root + "/cgroup.controllers") ? root : root + "/unified"
                    consider((try? String(contentsOfFile: base + dir + "/cpu.max", encoding: .utf8)).flatMap(parseCPUMax))
                }
            } else if controllers.contains("cpu") {
                for dir in ancestors(path) {
                    for mount in ["/cpu", "/cpu,cpuacct", "/cpuacct,cpu"] {
                        if let q = try? String(contentsOfFile: root + mount + dir + "/cpu.cfs_quota_us", encoding: .utf8),
                           let p = try? String(contentsOfFile: root + mount + dir + "/cpu.cfs_period_us", encoding: .utf8) {
                            consider(parseCFS(quota: q, period: p)); break
                        }
                    }
                }
            }
        }
        return best
    }

    /// `/a/b` → `/a/b`, `/a`, `` (the root).
    static func ancestors(_ path: String) -> [String] {
        var parts = path.split(separator: "/").map(String.init), out: [String] = []
        while true {
            out.append(parts.isEmpty ? "" : "/" + parts.joined(separator: "/"))
            if parts.isEmpty { return out }
            parts.removeLast()
        }
    }

    /// `cpu.max` is `<quota> <period>` or `max <period>`.
    public static func parseCPUMax(_ text: String) -> Double? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard parts.count >= 2, let q = Double(parts[0]), let p = Double(parts[1]), q > 0, p > 0 else { return nil }
        return q / p
    }

    /// v1: a quota of -1 means unlimited.
    public static func parseCFS(quota: String, period: String) -> Double? {
        guard let q = Double(quota.trimmingCharacters(in: .whitespacesAndNewlines)),
              let p = Double(period.trimmingCharacters(in: .whitespacesAndNewlines)), q > 0, p > 0 else { return nil }
        return q / p
    }
}
