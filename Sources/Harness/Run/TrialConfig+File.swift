import Foundation

extension TrialConfig {
    /// Reads a config written by `write(to:)` (or any JSON of this shape); bad input is a `TrialFileError`.
    public static func load(from url: URL) throws -> TrialConfig {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw TrialFileError(path: url.path, reason: "cannot read: \(error.localizedDescription)") }
        do { return try JSONDecoder().decode(TrialConfig.self, from: data) } catch {
            throw TrialFileError(path: url.path, reason: "not a trial config: \(RunRecord.describe(error))")
        }
    }

    /// The canonical JSON (the hash's input), written atomically.
    public func write(to url: URL) throws { try DurableFile.write(canonicalJSON, to: url) }
}

extension TrialResult {
    /// JSON with `results.json`'s conventions, written atomically.
    public func write(to url: URL) throws {
        try DurableFile.write(try RunRecord.makeEncoder().encode(self), to: url)
    }

    public static func load(from url: URL) throws -> TrialResult {
        do { return try RunRecord.makeDecoder().decode(TrialResult.self, from: try Data(contentsOf: url)) } catch {
            throw TrialFileError(path: url.path, reason: "not a trial result: \(RunRecord.describe(error))")
        }
    }
}

/// A trial config or result file that cannot be read.
public struct TrialFileError: UserInputError {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
