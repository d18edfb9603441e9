import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The conv path chosen per (CPU model, ISA, oneDNN version, threads, geometry), kept in a small text file so the
/// choice `ConvPath.measured` makes by timing is taken once per host and then reproduced by every later run.
///
/// One `key<TAB>path` line per decision. A write holds an exclusive `flock` on `<file>.lock`, re-reads the file and
/// keeps a decision another process recorded meanwhile (the first decision wins, and the loser trains with the
/// winner's path, so two runs racing on a new host agree), then replaces the file atomically (temporary file + rename).
public struct ConvPathCache: Sendable, Equatable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// `$XDG_CACHE_HOME/replicate/conv-paths.tsv`, else `~/.cache/replicate/conv-paths.tsv`.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return base.appendingPathComponent("replicate").appendingPathComponent("conv-paths.tsv")
    }

    /// Every decision in the file (none when it is missing or unreadable; malformed lines are skipped).
    public func load() -> [String: ConvPath] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var out: [String: ConvPath] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let path = ConvPath(rawValue: String(parts[1])), path != .measured else { continue }
            out[String(parts[0])] = path
        }
        return out
    }

    /// The recorded decision for `key`.
    public func decision(for key: String) -> ConvPath? { load()[key] }

    /// Records `path` for `key` unless the file already has a decision for it; returns the decision in force.
    /// A file that cannot be written leaves the decision to this run (reported by the caller's determinism line).
    @discardableResult
    public func record(_ path: ConvPath, for key: String) -> ConvPath {
        precondition(path != .measured && !key.contains("\t") && !key.contains("\n"))
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Without the lock two processes could both read "no decision" and the later rename would drop the
        // earlier one's line after it had trained with it.
        let lock = open(url.path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer { if lock >= 0 { flock(lock, LOCK_UN); close(lock) } }
        var all = load()
        if let existing = all[key] { return existing }
        all[key] = path
        let text = all.keys.sorted().map { "\($0)\t\(all[$0]!.rawValue)\n" }.joined()
        try? Data(text.utf8).write(to: url, options: .atomic)
        return path
    }

    /// The path for `key` under `.measured`: the one `cache` recorded, else the faster by `timed()` (reference and
    /// oneDNN seconds), recorded now (a decision another run recorded first wins). Returns it with the reason
    /// a report shows: `from the cache file`, or `timed: <reference> 1.2 ms, oneDNN 0.8 ms<suffix>`.
    static func decide(_ cache: ConvPathCache?, key: String, reference: String, suffix: String = "",
                       timed: () -> (reference: Double, onednn: Double)) -> (path: ConvPath, reason: String) {
        if let d = cache?.decision(for: key) { return (d, "from the cache file") }
        let t = timed()
        let faster: ConvPath = t.onednn < t.reference ? .onednn : .im2col
        let decision = cache?.record(faster, for: key) ?? faster
        return (decision, String(format: "timed: %@ %.1f ms, oneDNN %.1f ms", reference, t.reference * 1e3, t.onednn * 1e3) + suffix
                    + (decision == faster ? "" : "; another run recorded \(decision) first"))
    }

    /// Seconds of `a` and of `b`: medians of three alternating runs each, after one warm-up of each (their
    /// multiply-adds are not counted).
    static func alternatingMedians(_ a: () -> Void, _ b: () -> Void) -> (Double, Double) {
        func seconds(_ body: () -> Void) -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
        }
        var ta: [Double] = [], tb: [Double] = []
        _ = CostCounter.measure {
            a(); b()
            for _ in 0..<3 { ta.append(seconds(a)); tb.append(seconds(b)) }
        }
        return (ta.sorted()[1], tb.sorted()[1])
    }
}
