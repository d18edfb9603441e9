import ArgumentParser
import Foundation
import Engine
import Harness

/// `replicate collect --run ID`: waits for a run submitted with `--detach`, then checks its claims and writes
/// its reports, exactly as the attached run would have.
struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect", abstract: "Finish a Slurm run submitted with --detach: wait, check claims, write reports.")

    @Option(name: .customLong("run"), help: "The run id printed at submission (or the run folder's path).") var runId: String
    @Option(name: .long, help: "Where reports are written (the submission's --reports).") var reports: String = "reports"
    @Flag(name: .long, help: "No progress output.") var quiet = false

    func run() throws {
        let folder = runId.contains("/") ? URL(fileURLWithPath: runId)
            : SlurmRunDirectory.root(reportsRoot: URL(fileURLWithPath: reports)).appendingPathComponent(runId)
        let dir = SlurmRunDirectory(url: folder.standardizedFileURL)
        let origin = try SlurmExecutor.manifest(of: dir).origin
        guard let scale = Scale(rawValue: origin.scale) else { throw UnknownScale(given: origin.scale) }
        var options = RunOptions(specRoot: URL(fileURLWithPath: origin.specRoot), reportsRoot: URL(fileURLWithPath: origin.reportsRoot))
        options.scale = scale
        options.seeds = origin.seeds
        options.dataRoot = origin.dataRoot
        options.convPath = try ConvPathOption.parse(origin.convPath ?? ConvPath.im2col.rawValue)
        options.quiet = quiet
        let log = ProgressLog(quiet: quiet)
        let (record, out) = try PaperRun(options: options, log: log)
            .run(paper: origin.paper, data: DataCatalog(explicitRoot: origin.dataRoot),
                 store: try HistoryStore(url: options.storeURL), executor: SlurmExecutor(target: .collect(dir)))
        print(Verdicts.summary(record, directory: out))
        if Verdicts.failed(record) { throw ExitCode(1) }
    }
}
