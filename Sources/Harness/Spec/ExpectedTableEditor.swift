import Foundation

/// Inserts or replaces rows of an `expected/<id>.yaml` by editing its text, so the file's comments, order
/// and layout survive: a row whose id exists is replaced where it stands, new rows go after the last row.
public enum ExpectedTableEditor {
    /// The text with `rows` upserted. `heading` is a comment line placed before the first appended row.
    public static func upsert(_ rows: [ExpectedRow], into text: String, heading: String? = nil) throws -> String {
        var lines = text.components(separatedBy: "\n")
        guard let rowsLine = lines.firstIndex(where: { $0.hasPrefix("rows:") }) else {
            throw ExpectedEditError(reason: "no top-level 'rows:' key")
        }
        if lines[rowsLine].replacingOccurrences(of: " ", with: "").hasPrefix("rows:[]") { lines[rowsLine] = "rows:" }
        // Items of the block sequence under `rows:`: a line "<indent>- " starts one; deeper lines continue it.
        var items: [(id: String?, range: Range<Int>)] = []
        var indent: Int?
        var i = rowsLine + 1
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let lead = line.prefix { $0 == " " }.count
            if trimmed.isEmpty || trimmed.hasPrefix("#") { i += 1; continue }
            if lead == 0 { break }  // the next top-level key
            guard trimmed.hasPrefix("- "), indent == nil || lead == indent else {
                throw ExpectedEditError(reason: "line \(i + 1): expected a row starting with '- ' under 'rows:'")
            }
            indent = lead
            var end = i + 1
            while end < lines.count {
                let l = lines[end], t = l.trimmingCharacters(in: .whitespaces)
                if t.isEmpty || t.hasPrefix("#") || l.prefix(while: { $0 == " " }).count <= lead { break }
                end += 1
            }
            items.append((rowID(lines[i..<end].joined(separator: "\n")), i..<end))
            i = end
        }
        let pad = String(repeating: " ", count: indent ?? 2)
        var appended: [String] = []
        var replacements: [(Range<Int>, [String])] = []
        for row in rows {
            let text = render(row, indent: pad).components(separatedBy: "\n")
            if let existing = items.first(where: { $0.id == row.id }) {
                replacements.append((existing.range, text))
            } else {
                appended += text
            }
        }
        let insertAt = items.last?.range.upperBound ?? rowsLine + 1
        if !appended.isEmpty {
            let block = (heading.map { [""] + [pad + "# " + $0] } ?? []) + appended
            lines.insert(contentsOf: block, at: insertAt)
        }
        for (range, text) in replacements.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            lines.replaceSubrange(range, with: text)
        }
        return lines.joined(separator: "\n")
    }

    /// The value of the row's first `id:` key.
    static func rowID(_ item: String) -> String? {
        guard let r = item.range(of: #"(?<![A-Za-z_])id:\s*"?([^,}"\s]+)"#, options: .regularExpression) else { return nil }
        let match = item[r]
        let value = match.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        return value
    }

    /// One row in the file's flow style, wrapped like the hand-written rows.
    public static func render(_ r: ExpectedRow, indent: String) -> String {
        func num(_ x: Double) -> String { SpecReader.format(x) }
        let q = YAMLWriter.quoteIfNeeded
        let cont = indent + "   "
        return "\(indent)- {id: \(q(r.id)), method: \(q(r.method)), dataset: \(q(r.dataset)), metric: \(q(r.metric)), value: \(num(r.value)),\n"
            + "\(cont)unit: \(r.unit), spread: \(r.spread.map(num) ?? "null"), "
            + (r.tolerance.map { "tolerance: \(num($0)), " } ?? "") + "scale: \(r.scale.rawValue),\n"
            + "\(cont)provenance: {source: \(q(r.provenance.source)), ref: \(quoted(r.provenance.ref)), verified: \(r.provenance.verified)}}"
    }

    /// Always double-quoted (refs contain ':' and ',').
    static func quoted(_ s: String) -> String {
        let q = YAMLWriter.quoteIfNeeded(s)
        return q.hasPrefix("\"") ? q : "\"" + q + "\""
    }
}

/// The expected table's text has a shape the editor does not handle (it changes nothing then).
public struct ExpectedEditError: UserInputError {
    public var reason: String
    public var description: String { "expected table: \(reason)" }
}
