import Foundation

extension Verdict {
    /// Display order in tables and count summaries: failures first.
    public static let reportOrder: [Verdict] = [.notReproduced, .regressed, .error, .inconclusive, .notRun, .reproduced]

    /// The verdict as shown to people ("not reproduced").
    public var label: String { rawValue }

    /// A CSS class name without spaces ("not-reproduced").
    public var cssClass: String { rawValue.replacingOccurrences(of: " ", with: "-") }

    /// The badge colour: reproduced green, not reproduced red, inconclusive amber, not run grey,
    /// error dark red, regressed purple.
    public var colour: String {
        switch self {
        case .reproduced: return "#1a7f37"
        case .notReproduced: return "#cf222e"
        case .inconclusive: return "#b7791f"
        case .notRun: return "#6e7781"
        case .error: return "#82071e"
        case .regressed: return "#8250df"
        }
    }

    /// True when the verdict should make CI red (exit code 1).
    public var isFailure: Bool { self == .notReproduced || self == .regressed || self == .error }
}

extension RunRecord {
    /// How many claims ended with each verdict (verdicts with no claim are absent).
    public var verdictCounts: [Verdict: Int] {
        claims.reduce(into: [:]) { $0[$1.verdict, default: 0] += 1 }
    }

    /// "3 reproduced, 1 not reproduced" in `Verdict.reportOrder`; "no claims" when empty.
    public var verdictSummary: String {
        let counts = verdictCounts
        let parts = Verdict.reportOrder.compactMap { v in counts[v].map { "\($0) \(v.label)" } }
        return parts.isEmpty ? "no claims" : parts.joined(separator: ", ")
    }

    /// Methods in first-appearance order across trials (stable colours in charts).
    public var methodsInOrder: [String] {
        var seen = Set<String>()
        return trials.map(\.method).filter { seen.insert($0).inserted }
    }

    /// Datasets in first-appearance order across trials.
    public var datasetsInOrder: [String] {
        var seen = Set<String>()
        return trials.map(\.dataset).filter { seen.insert($0).inserted }
    }

    /// `<paper>.<scale>`: the JUnit suite and classname.
    public var suiteName: String { "\(paper).\(scale)" }
}
