/// Where a YAML node came from: a file (relative to the repository root when possible) and a 1-based position.
public struct SourceLocation: Hashable, Sendable, Codable {
    public var file: String
    /// 1-based; 0 when the issue concerns the whole file (e.g. it does not exist).
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file; self.line = line; self.column = column
    }
}

/// One problem found in a spec or expected file.
///
/// Printed one per line as `papers/x.yaml:12:5: methods[1].loss.temprature: unknown key 'temprature' (did you
/// mean 'temperature'?)`; warnings carry a `warning: ` prefix before the message.
public struct SpecIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var file: String
    public var line: Int
    public var column: Int
    /// Dotted key path with list indices, e.g. `methods[1].loss.temperature`; empty for the whole document.
    public var keyPath: String
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int, column: Int, keyPath: String, message: String, severity: Severity = .error) {
        self.file = file; self.line = line; self.column = column
        self.keyPath = keyPath; self.message = message; self.severity = severity
    }

    init(_ location: SourceLocation, _ keyPath: String, _ message: String, severity: Severity = .error) {
        self.init(file: location.file, line: location.line, column: location.column, keyPath: keyPath,
                  message: message, severity: severity)
    }

    public var isError: Bool { severity == .error }

    public var description: String {
        var parts = [file]
        if line > 0 { parts.append("\(line)"); parts.append("\(column)") }
        var text = parts.joined(separator: ":") + ": "
        if !keyPath.isEmpty { text += keyPath + ": " }
        if severity == .warning { text += "warning: " }
        return text + message
    }
}

extension Array where Element == SpecIssue {
    /// Removes repeats (a base-recipe problem shows up once per scale) and orders by file and position.
    func normalized() -> [SpecIssue] {
        var seen = Set<SpecIssue>()
        let unique = filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.file != y.file { return x.file < y.file }
            if x.line != y.line { return x.line < y.line }
            if x.column != y.column { return x.column < y.column }
            return a.offset < b.offset
        }.map(\.element)
    }
}
