import ArgumentParser
import Foundation
import Harness

/// `replicate trial <config.json> --out <result.json>`: one trial from its resolved config, as a worker
/// process (a Slurm array task, or a test that kills it and resumes). A trial that fails (diverges, say) records
/// its error in the result and still exits 0: the process did its job; the driver reads the verdict from the
/// result. The result file appears whole or not at all.
struct TrialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trial",
        abstract: "Run one trial from a TrialConfig JSON file and write its TrialResult JSON.")

    @Argument(help: "TrialConfig JSON (as `replicate` resolves it).") var config: String
    @Option(name: .long, help: "Where to write the TrialResult JSON (atomically).") var out: String
    @Option(name: .long, help: "Folder of checkpoints (default: beside --out, in .trials).") var checkpointDir: String?
    @Option(name: .long, help: "Steps between checkpoints.") var checkpointEvery: Int = 50
    @Flag(name: .long, help: "Continue from the trial's checkpoint when there is one.") var resume = false
    @Option(name: .long, help: "Folder holding the data sets.") var dataRoot: String?
    @Option(name: .long, help: "Also write progress events as JSON lines to this file.") var logJSON: String?
    @Flag(name: .long, help: "No progress output.") var quiet = false

    func run() throws {
        guard checkpointEvery > 0 else { throw UsageError("--checkpoint-every must be at least 1") }
        let url = URL(fileURLWithPath: config)
        let trial = try TrialConfig.load(from: url)
        let outURL = URL(fileURLWithPath: out)
        let dir = checkpointDir.map { URL(fileURLWithPath: $0) } ?? outURL.deletingLastPathComponent().appendingPathComponent(".trials")
        let policy = CheckpointPolicy(directory: dir, every: checkpointEvery, resume: resume)
        let log = try ProgressLog(quiet: quiet, jsonLines: logJSON.map { URL(fileURLWithPath: $0) })
        _ = try LocalExecutor(data: DataCatalog(explicitRoot: dataRoot), checkpoints: policy)
            .run([trial], log: log) { _, r in try r.write(to: outURL) }
    }
}
