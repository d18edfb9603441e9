import Contrastive

/// `replicate loss --list`: every registered loss with its paper, views and parameters (default, range, meaning).
public enum LossListing {
    public static func text(_ entries: [LossEntry] = LossRegistry.entries) -> String {
        var lines: [String] = []
        for entry in entries {
            let views = entry.views(entry.parameters.reduce(into: [:]) { $0[$1.name] = $1.defaultValue })
            lines.append("\(entry.name): \(entry.summary)")
            lines.append("  paper: \(entry.paper)")
            lines.append("  views: \(views) (with the defaults)")
            let width = entry.parameters.map(\.name.count).max() ?? 0
            for p in entry.parameters {
                let name = p.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let range = "[\(SpecReader.format(p.range.lowerBound)), \(SpecReader.format(p.range.upperBound))]"
                    + (p.integer ? " whole" : "")
                lines.append("  \(name)  default \(SpecReader.format(p.defaultValue))  range \(range)  \(p.doc)")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
