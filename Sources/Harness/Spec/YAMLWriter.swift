import Foundation

/// A small block-style YAML emitter for resolved recipes: lists of scalars in flow style, strings quoted
/// whenever a YAML 1.1 reader could take them for something else (`yes`, `2005.10242`, `null`).
enum YAMLValue: Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([YAMLValue])
    case map([(String, YAMLValue)])

    static func == (a: YAMLValue, b: YAMLValue) -> Bool { YAMLWriter.text(a) == YAMLWriter.text(b) }

    var isScalar: Bool {
        switch self { case .list, .map: return false; default: return true }
    }
}

enum YAMLWriter {
    static func text(_ value: YAMLValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: YAMLValue, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .map(let entries):
            for (key, v) in entries {
                out += pad + key + ":"
                writeValue(v, indent: indent, into: &out)
            }
        case .list(let items):
            for item in items {
                if case .map(let entries) = item, !entries.isEmpty {
                    // Write the mapping one level deeper, then put the dash where its first key's indent was.
                    var nested = ""
                    write(item, indent: indent + 2, into: &nested)
                    out += pad + "- " + nested.dropFirst(indent + 2)
                } else {
                    out += pad + "- " + inline(item) + "\n"
                }
            }
        default:
            out += pad + inline(value) + "\n"
        }
    }

    private static func writeValue(_ v: YAMLValue, indent: Int, into out: inout String) {
        switch v {
        case .map(let e) where !e.isEmpty:
            out += "\n"; write(v, indent: indent + 2, into: &out)
        case .list(let items) where !items.isEmpty && !items.allSatisfy(\.isScalar):
            out += "\n"; write(v, indent: indent + 2, into: &out)
        default:
            out += " " + inline(v) + "\n"
        }
    }

    /// Scalars, flow lists of scalars, and empty collections.
    static func inline(_ value: YAMLValue) -> String {
        switch value {
        case .string(let s): return quoteIfNeeded(s)
        case .int(let i): return String(i)
        case .double(let d): return "\(d)"
        case .bool(let b): return b ? "true" : "false"
        case .list(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.0): \(inline($0.1))" }.joined(separator: ", ") + "}"
        }
    }

    private static let reserved: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]

    static func quoteIfNeeded(_ s: String) -> String {
        let safe = s.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || "-_./+".unicodeScalars.contains(c)
        }
        let first = s.unicodeScalars.first
        let startsWell = first.map { ("a"..."z").contains($0) || ("A"..."Z").contains($0) } ?? false
        if safe, startsWell, !reserved.contains(s.lowercased()), Double(s) == nil { return s }
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 || c.value == 0x7f { out += String(format: "\\u%04X", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}
