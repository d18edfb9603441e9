import Foundation

/// Where trials keep their checkpoints (`<directory>/<config hash>/checkpoint.bin`), how often they write
/// them, and whether a trial continues from one it finds.
public struct CheckpointPolicy: Sendable {
    public var directory: URL
    /// Steps between checkpoints (> 0).
    public var every: Int
    /// Continue from an existing checkpoint of the same config; without it, a stale checkpoint is ignored
    /// and overwritten.
    public var resume: Bool

    /// Default folder: `<reports>/.trials`, hidden from the reports index.
    public static func defaultDirectory(reportsRoot: URL) -> URL { reportsRoot.appendingPathComponent(".trials") }

    public init(directory: URL, every: Int = 50, resume: Bool = false) {
        precondition(every > 0, "checkpoint interval must be positive")
        self.directory = directory; self.every = every; self.resume = resume
    }

    public func file(for configHash: String) -> URL {
        directory.appendingPathComponent(configHash).appendingPathComponent("checkpoint.bin")
    }

    public func save(_ checkpoint: TrialCheckpoint) throws {
        try DurableFile.write(try checkpoint.encoded(), to: file(for: checkpoint.configHash))
    }

    /// The checkpoint of `configHash` when resuming and one exists; throws when it exists but is unusable.
    public func load(configHash: String) throws -> TrialCheckpoint? {
        guard resume else { return nil }
        let url = file(for: configHash)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let c = try TrialCheckpoint(decoding: try Data(contentsOf: url), path: url.path)
        guard c.configHash == configHash else {
            throw CheckpointFileError(path: url.path, reason: "belongs to config \(c.configHash), not \(configHash)")
        }
        return c
    }

    /// Removes the trial's folder once its result is stored.
    public func clear(configHash: String) {
        try? FileManager.default.removeItem(at: file(for: configHash).deletingLastPathComponent())
    }
}
