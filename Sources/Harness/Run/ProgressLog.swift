import Foundation
import Contrastive

/// Shows training progress: a live line on a terminal, plain lines (at most every few seconds) otherwise;
/// optionally also every event as one JSON object per line into a file for machines (`--log-json`).
public final class ProgressLog: @unchecked Sendable {
    public let quiet: Bool
    private let live: Bool
    private var lastPlain = Date.distantPast
    private let lock = NSLock()
    private let json: FileHandle?

    /// `jsonLines`: a file to append JSON events to (created when absent).
    public init(quiet: Bool, jsonLines: URL? = nil) throws {
        self.quiet = quiet
        live = isatty(STDERR_FILENO) != 0
        if let url = jsonLines {
            // Like --junit and the reports, the log may name a folder that does not exist yet.
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.fileExists(atPath: url.path) || FileManager.default.createFile(atPath: url.path, contents: nil),
                  let h = FileHandle(forWritingAtPath: url.path) else {
                throw LogFileError(path: url.path)
            }
            h.seekToEndOfFile()
            json = h
        } else {
            json = nil
        }
    }

    /// A log with no JSON file (never throws).
    public convenience init(quiet: Bool) { try! self.init(quiet: quiet, jsonLines: nil) }

    deinit { try? json?.close() }

    public func begin(_ label: String, configHash: String? = nil) {
        event(["event": "begin", "trial": label, "config_hash": configHash])
        line("▶ \(label)", event: false)
    }

    public func reused(_ label: String, configHash: String) {
        event(["event": "reused", "trial": label, "config_hash": configHash])
        line("↺ \(label): reused the stored result of an identical trial (--force trains again)", event: false)
    }

    public func step(_ label: String, _ p: TrainProgress) {
        event(["event": "step", "trial": label, "step": p.step, "total_steps": p.totalSteps, "epoch": p.epoch,
               "loss": p.loss, "images_per_second": p.imagesPerSecond, "eta_seconds": p.eta])
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        let text = String(format: "  %@  step %d/%d  epoch %d  loss %.4f  %.0f img/s  ETA %@", label, p.step, p.totalSteps,
                          p.epoch, p.loss, p.imagesPerSecond, Self.duration(p.eta))
        if live {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
            if p.step == p.totalSteps { FileHandle.standardError.write(Data("\n".utf8)) }
        } else if Date().timeIntervalSince(lastPlain) >= 5 || p.step == p.totalSteps || p.step == 1 {
            lastPlain = Date()
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    public func end(_ label: String, _ r: TrialResult) {
        event(["event": "end", "trial": label, "config_hash": r.configHash, "steps": r.steps, "wall_seconds": r.wallSeconds,
               "images_per_second": r.imagesPerSecond, "metrics": r.metrics.filter { $0.value.isFinite }, "error": r.error])
        let keys = r.metrics.keys.filter { !$0.hasPrefix("loss.") }.sorted()
        let metrics = keys.map { String(format: "%@=%.4f", $0, r.metrics[$0]!) }.joined(separator: " ")
        if let e = r.error { line("✗ \(label): \(e)", event: false) } else {
            line(String(format: "✓ %@  %.1fs  %.0f img/s  %@", label, r.wallSeconds, r.imagesPerSecond, metrics), event: false)
        }
    }

    /// A finished run: its id, folder and verdict counts.
    public func run(_ record: RunRecord, directory: URL) {
        event(["event": "run", "paper": record.paper, "run_id": record.runId, "scale": record.scale,
               "wall_seconds": record.wallSeconds, "report": directory.appendingPathComponent("index.html").path,
               "verdicts": Dictionary(record.claims.map { ($0.id, $0.verdict.rawValue) }, uniquingKeysWith: { a, _ in a })])
    }

    public func line(_ s: String) { line(s, event: true) }

    private func line(_ s: String, event logged: Bool) {
        if logged { event(["event": "note", "text": s]) }
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    private func event(_ fields: [String: Any?]) {
        guard let json else { return }
        var object = fields.compactMapValues { $0 }
        object["time"] = Date().timeIntervalSince1970
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        lock.lock(); defer { lock.unlock() }
        json.write(data + Data("\n".utf8))
    }

    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? "\(t / 3600)h\(String(format: "%02d", t % 3600 / 60))m" : "\(t / 60)m\(String(format: "%02d", t % 60))s"
    }
}

/// `--log-json` names a file that cannot be written.
public struct LogFileError: UserInputError {
    public var path: String
    public var description: String { "--log-json: cannot write \(path)" }
}
