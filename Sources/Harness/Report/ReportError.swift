import Foundation

/// Why a report could not be written or a `results.json` could not be read.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// `results.json` declares a schema this build does not know (or none at all).
    case unsupportedSchemaVersion(path: String, found: Int?, supported: Int)
    /// `results.json` is not a run record (bad JSON, a missing field, a wrong type).
    case unreadableRecord(path: String, reason: String)
    /// A libxml2 call reported failure.
    case libxml(operation: String, detail: String)
    /// A file-system step failed while writing a report.
    case io(path: String, reason: String)
    /// The JUnit document written does not satisfy the project's schema (a bug in the writer).
    case invalidJUnit(problems: [String])

    public var description: String {
        switch self {
        case let .unsupportedSchemaVersion(path, found, supported):
            let got = found.map { "schemaVersion \($0)" } ?? "no schemaVersion field"
            return "\(path): unsupported run record: \(got); this build reads schemaVersion \(supported) "
                + "(rebuild the report with the replicate version that wrote it, or rerun the paper)"
        case let .unreadableRecord(path, reason):
            return "\(path): not a replicate run record (expected results.json written by `replicate`): \(reason)"
        case let .libxml(operation, detail):
            return "libxml2 \(operation) failed" + (detail.isEmpty ? "" : ": \(detail)")
        case let .io(path, reason):
            return "\(path): \(reason)"
        case let .invalidJUnit(problems):
            return "the JUnit document written is not valid against junit.xsd: " + problems.prefix(3).joined(separator: "; ")
        }
    }
}
