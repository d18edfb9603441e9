import Foundation

/// `summary.md`: a short Markdown account of a run for a pull request or a CI step summary
/// (`$GITHUB_STEP_SUMMARY`): the verdict counts and one table row per claim.
public enum SummaryMarkdown {
    public static func markdown(for r: RunRecord) -> String {
        var lines: [String] = []
        lines.append("### \(inline(r.paper)) · \(inline(r.scale)) · run \(inline(r.runId))")
        lines.append("")
        lines.append("\(cell(r.title)) (\(cell(r.venue))). Started \(ReportFormat.date(r.startedAt)), "
                     + "wall time \(ReportFormat.duration(r.wallSeconds)), \(r.trials.count) trials.")
        lines.append("")
        lines.append("**\(r.verdictSummary)**")
        lines.append("")
        if r.claims.isEmpty { return (lines + ["No claims were checked.", ""]).joined(separator: "\n") }
        lines.append("| Claim | Kind | Expected | Obtained (mean ± std) | 95% interval | Power (80%) | Verdict | Message |")
        lines.append("|---|---|---:|---:|---:|---|---|---|")
        for c in r.claims {
            lines.append("| \(inline(c.id)) | \(c.kind.rawValue) | \(ReportFormat.expected(c)) | \(ReportFormat.obtained(c)) | "
                         + "\(ReportFormat.interval(c)) | \(cell(ReportFormat.power(c))) | \(icon(c.verdict)) \(c.verdict.label) | \(cell(c.message)) |")
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// A glyph per verdict so the table reads at a glance in plain-text views too.
    static func icon(_ v: Verdict) -> String {
        switch v {
        case .reproduced: return "✅"
        case .notReproduced: return "❌"
        case .regressed: return "📉"
        case .error: return "💥"
        case .inconclusive: return "⚠️"
        case .notRun: return "⏭️"
        }
    }

    /// Text for a table cell: pipes escaped, newlines folded, HTML-significant characters neutralised
    /// (GitHub renders inline HTML in Markdown).
    static func cell(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]": out += "\\\(ch)"
            default: out.append(ch)
            }
        }
        return out
    }

    /// An identifier as inline code; backticks inside are replaced so the span cannot be broken out of.
    static func inline(_ s: String) -> String {
        let clean = s.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "|", with: "\\|")
        return "`\(clean)`"
    }
}
