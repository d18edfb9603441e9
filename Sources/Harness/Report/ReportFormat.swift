import Foundation

/// Number, date and duration formatting shared by every report format, so HTML, JUnit and Markdown agree.
public enum ReportFormat {
    /// A metric value with four significant digits ("0.8123", "81.23", "-0.0123"); "n/a" for nil,
    /// "NaN"/"inf" for non-finite values (a diverged run must stay visible, not crash the report).
    public static func number(_ x: Double?) -> String {
        guard let x else { return "n/a" }
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        let a = abs(x)
        if a >= 1e-3 && a < 1e5 {
            let decimals = max(0, 3 - Int(floor(log10(a))))
            var s = String(format: "%.\(decimals)f", x)
            if s.contains(".") {
                while s.hasSuffix("0") { s.removeLast() }
                if s.hasSuffix(".") { s.removeLast() }
            }
            return s
        }
        return String(format: "%.3e", x)
    }

    /// Values as "[a, b, c]".
    public static func list(_ xs: [Double]) -> String {
        "[" + xs.map { number($0) }.joined(separator: ", ") + "]"
    }

    /// Absolute: "expected ± tolerance" (or just the value). Relative/sanity: "bound b, margin m", since there
    /// `expected` is a bound and `tolerance` a margin, not a band. "n/a" when the claim has neither.
    public static func expected(_ claim: ClaimOutcome) -> String {
        if claim.kind == .nonInferiority, let e = claim.expected {
            return "not worse by more than \(number(-e))"
        }
        if claim.kind == .correlation, let e = claim.expected {
            return e < 0 ? "ρ ≤ \(number(e))" : "ρ ≥ \(number(e))"
        }
        if claim.kind != .absolute {
            var parts: [String] = []
            if let e = claim.expected { parts.append("bound \(number(e))") }
            if let t = claim.tolerance { parts.append("margin \(number(t))") }
            return parts.isEmpty ? "n/a" : parts.joined(separator: ", ")
        }
        guard let e = claim.expected else { return "n/a" }
        guard let t = claim.tolerance else { return number(e) }
        return "\(number(e)) ± \(number(t))"
    }

    /// "mean ± std" as available, "n/a" when the claim has no obtained value.
    public static func obtained(_ claim: ClaimOutcome) -> String {
        guard let m = claim.mean else { return "n/a" }
        guard let s = claim.std else { return number(m) }
        return "\(number(m)) ± \(number(s))"
    }

    /// "[low, high]" for the interval, with how it was computed and its level when not the usual 95 %
    /// ("[0.01, 0.03] paired", "[0.2, 0.9] bootstrap 99.6%"); "n/a" when absent.
    public static func interval(_ claim: ClaimOutcome) -> String {
        guard let lo = claim.intervalLow, let hi = claim.intervalHigh else { return "n/a" }
        var text = "[\(number(lo)), \(number(hi))]"
        if let m = claim.intervalMethod { text += " \(m)" }
        if let a = claim.alpha, abs(a - 0.05) > 1e-12 { text += " \(ClaimEvaluator.level(a))" }
        return text
    }

    /// What the run could detect (DESIGN.md, "power"): "detects 0.032 (80%, 3 seeds)", plus the seeds the
    /// paper's effect needs when the claim states one; "n/a" for claims without a power (sanity, one seed).
    public static func power(_ claim: ClaimOutcome) -> String {
        var parts: [String] = []
        if let d = claim.detectable {
            let unit = claim.kind == .correlation ? "in ρ beyond the bound" : claim.kind == .absolute ? "beyond the band" : "from the bound"
            let over = claim.kind == .correlation ? "\(claim.values.count) encoders" : "\(max(claim.values.count, 1)) seeds"
            parts.append("detects \(number(d)) \(unit) (80%, \(over))")
        }
        if let e = claim.effect {
            let need = claim.seedsNeeded.map { "needs ≈\($0) seeds" } ?? "seeds needed unknown"
            parts.append("paper's effect \(number(e)) \(need)" + (claim.effectSource.map { " (\($0))" } ?? ""))
        } else if claim.verdict == .inconclusive, let n = claim.seedsNeeded {
            parts.append("≈\(n) seeds would decide")
        }
        return parts.isEmpty ? "n/a" : parts.joined(separator: "; ")
    }

    /// A one-line account of a claim's numbers, used in JUnit failure messages and Markdown.
    public static func numbers(_ claim: ClaimOutcome) -> String {
        var parts: [String] = []
        if claim.expected != nil || claim.tolerance != nil {
            parts.append("expected \(claim.metric) \(expected(claim))")
        }
        parts.append("obtained mean \(number(claim.mean))")
        if claim.std != nil { parts.append("std \(number(claim.std))") }
        if claim.intervalLow != nil { parts.append("CI \(interval(claim))") }
        parts.append("per-seed \(list(claim.values))")
        if claim.detectable != nil || claim.effect != nil { parts.append("power: \(power(claim))") }
        return parts.joined(separator: ", ")
    }

    /// A duration as "42 s", "3 min 20 s", "2 h 05 min".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "n/a" }
        if seconds < 60 { return seconds < 10 ? String(format: "%.1f s", seconds) : String(format: "%.0f s", seconds) }
        let s = Int(seconds.rounded())
        if s < 3600 { return "\(s / 60) min \(String(format: "%02d", s % 60)) s" }
        return "\(s / 3600) h \(String(format: "%02d", (s % 3600) / 60)) min"
    }

    /// Seconds for JUnit's `time` (xs:decimal >= 0: no exponent, no NaN).
    public static func seconds(_ x: Double) -> String {
        guard x.isFinite, x > 0 else { return "0.000" }
        return String(format: "%.3f", x)
    }

    /// An ISO-8601 UTC timestamp without fractional seconds ("2024-05-01T12:00:00Z"), valid as xs:dateTime.
    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    /// A human date "2024-05-01 12:00 UTC".
    public static func date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: date)
    }

    /// The href for `s` if it is an http(s) URL, else nil: text from a spec never becomes a `javascript:` link.
    public static func safeLink(_ s: String?) -> String? {
        guard let s, let url = URL(string: s), let scheme = url.scheme?.lowercased(),
              scheme == "https" || scheme == "http", url.host != nil else { return nil }
        return s
    }

    /// The arXiv abstract page for an identifier such as "2005.10242" (nil for anything else).
    public static func arxivLink(_ id: String?) -> String? {
        guard let id else { return nil }
        let ok = id.range(of: #"^[0-9]{4}\.[0-9]{4,5}(v[0-9]+)?$"#, options: .regularExpression) != nil
        return ok ? "https://arxiv.org/abs/\(id)" : nil
    }
}
