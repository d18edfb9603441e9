import Foundation
import Contrastive

/// Shows training progress: a live line on a terminal, plain lines (at most every few seconds) otherwise.
public final class ProgressLog: @unchecked Sendable {
    public let quiet: Bool
    private let live: Bool
    private var lastPlain = Date.distantPast
    private let lock = NSLock()

    public init(quiet: Bool) {
        self.quiet = quiet
        live = isatty(STDERR_FILENO) != 0
    }

    public func begin(_ label: String) { line("▶ \(label)") }

    public func step(_ label: String, _ p: TrainProgress) {
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
        let keys = r.metrics.keys.filter { !$0.hasPrefix("loss.") }.sorted()
        let metrics = keys.map { String(format: "%@=%.4f", $0, r.metrics[$0]!) }.joined(separator: " ")
        if let e = r.error { line("✗ \(label): \(e)") } else {
            line(String(format: "✓ %@  %.1fs  %.0f img/s  %@", label, r.wallSeconds, r.imagesPerSecond, metrics))
        }
    }

    public func line(_ s: String) {
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? "\(t / 3600)h\(String(format: "%02d", t % 3600 / 60))m" : "\(t / 60)m\(String(format: "%02d", t % 60))s"
    }
}
