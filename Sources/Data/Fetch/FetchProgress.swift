import Foundation

/// Progress of each download: on a terminal one line rewritten in place (bytes, rate, ETA); otherwise one line
/// per finished file (a log stays readable); nothing when quiet.
public final class FetchProgress: @unchecked Sendable {
    public enum Style: Sendable { case terminal, lines, quiet }

    let style: Style
    let write: @Sendable (String) -> Void

    /// `write` receives whole lines (terminal style: also `\r`-started updates without a newline).
    public init(style: Style, write: @escaping @Sendable (String) -> Void) {
        self.style = style; self.write = write
    }

    /// Standard error, styled by whether it is a terminal.
    public static func standardError(quiet: Bool) -> FetchProgress {
        let style: Style = quiet ? .quiet : (isatty(STDERR_FILENO) == 1 ? .terminal : .lines)
        return FetchProgress(style: style) { FileHandle.standardError.write(Data($0.utf8)) }
    }

    /// A message line (what is being done), unless quiet.
    public func note(_ line: String) {
        if style != .quiet { write(line + "\n") }
    }

    func file(_ name: String, from url: URL) -> File { File(owner: self, name: name, url: url) }

    /// One file's download.
    final class File: @unchecked Sendable {
        let owner: FetchProgress, name: String, url: URL
        private var started = Date(), startBytes: Int64 = 0, total: Int64?, last = Date.distantPast, bytes: Int64 = 0

        init(owner: FetchProgress, name: String, url: URL) { self.owner = owner; self.name = name; self.url = url }

        func start(resumedAt offset: Int64, total: Int64?) {
            started = Date(); startBytes = offset; bytes = offset; self.total = total
            if offset > 0 { owner.note("\(name): resuming at \(FetchProgress.size(offset)) from \(url.absoluteString)") }
        }

        func update(_ bytes: Int64) {
            self.bytes = bytes
            guard owner.style == .terminal, Date().timeIntervalSince(last) >= 0.2 else { return }
            last = Date()
            owner.write("\r\u{1B}[K" + status(final: false))
        }

        /// The closing line of a finished download.
        func finish() {
            switch owner.style {
            case .quiet: return
            case .terminal: owner.write("\r\u{1B}[K" + status(final: true) + "\n")
            case .lines: owner.write(status(final: true) + "\n")
            }
        }

        private func status(final: Bool) -> String {
            let seconds = max(Date().timeIntervalSince(started), 1e-3)
            let rate = Double(bytes - startBytes) / seconds
            let rateText = "\(FetchProgress.size(Int64(rate)))/s"
            if final {
                return "\(name): \(FetchProgress.size(bytes)) in \(String(format: "%.1f", seconds)) s (\(rateText)) from \(url.absoluteString)"
            }
            guard let total, total > 0 else { return "\(name): \(FetchProgress.size(bytes))  \(rateText)" }
            let eta = rate > 0 ? Int(Double(total - bytes) / rate) : nil
            let pct = Int(100 * Double(bytes) / Double(total))
            return "\(name): \(FetchProgress.size(bytes)) of \(FetchProgress.size(total)) (\(pct)%)  \(rateText)  ETA "
                + (eta.map { String(format: "%d:%02d", $0 / 60, $0 % 60) } ?? "?")
        }
    }

    /// `12.3 MB`-style sizes (powers of 1000, as download pages quote them).
    static func size(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var v = Double(bytes), u = 0
        while v >= 1000, u < units.count - 1 { v /= 1000; u += 1 }
        return u == 0 ? "\(bytes) B" : String(format: "%.1f", v) + " " + units[u]
    }
}
