import Foundation

extension HTMLReport {
    /// Title, venue, arXiv and code links, run facts, and the verdict counts.
    static func header(_ r: RunRecord) -> Markup {
        let counts = r.verdictCounts
        return Markup("header", ["class": "report"]) {
            Markup("p", ["class": "kicker"], text: "replicate · \(r.paper) · scale \(r.scale)")
            Markup("h1", text: r.title)
            Markup("p", ["class": "links"]) {
                Markup("span", text: r.venue)
                if let a = r.arxiv {
                    if let href = ReportFormat.arxivLink(a) { Markup("a", ["href": href], text: "arXiv:\(a)") }
                    else { Markup("span", text: "arXiv: \(a)") }
                }
                if let c = r.code {
                    if ReportFormat.safeLink(c) != nil { link("code: \(c)", href: c) }
                    else { Markup("span", text: "code: \(c)") }
                }
            }
            Markup("dl", ["class": "meta"]) {
                meta("Paper id", r.paper)
                meta("Scale", r.scale)
                meta("Run id", r.runId)
                meta("Started", ReportFormat.date(r.startedAt))
                meta("Wall time", ReportFormat.duration(r.wallSeconds))
                meta("Trials", "\(r.trials.count)" + (r.trials.contains { $0.error != nil }
                                                      ? " (\(r.trials.filter { $0.error != nil }.count) failed)" : ""))
                meta("Claims", "\(r.claims.count)")
            }
            Markup("div", ["class": "counts", "aria-label": "verdict counts"]) {
                for v in Verdict.reportOrder {
                    if let n = counts[v] {
                        Markup("span", ["class": "badge big \(v.cssClass)"], text: "\(n) \(v.label)")
                    }
                }
                if r.claims.isEmpty { Markup("span", ["class": "muted"], text: "no claims were checked") }
            }
        }
    }

    private static func meta(_ term: String, _ value: String) -> Markup {
        Markup("div", [:], [Markup("dt", text: term), Markup("dd", text: value)])
    }
}
