import ArgumentParser
import Foundation
import Harness

/// `replicate trial <config.json> --out <result.json>`: one trial from its resolved config, as a worker process
/// (a Slurm array task). A trial that fails records its error in the result and still exits 0; the result
/// file appears whole or not at all.
struct TrialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trial", abstract: "Run one trial from a TrialConfig JSON file and write its TrialResult JSON.")

    @Argument(help: "TrialConfig JSON file.") var config: String
    @Option(name: .long, help: "Where to write the TrialResult JSON (atomically).") var out: String
    @Option(name: .long, help: "Folder holding the data sets.") var dataRoot: String?
    @Flag(name: .long, help: "No progress output.") var quiet = false

    func run() throws {
        let trial = try TrialConfig.load(from: URL(fileURLWithPath: config))
        let log = ProgressLog(quiet: quiet)
        let result = try LocalExecutor(data: DataCatalog(explicitRoot: dataRoot)).run([trial], log: log)[0]
        try result.write(to: URL(fileURLWithPath: out))
    }
}
