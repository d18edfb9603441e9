import ArgumentParser
import Foundation
import Harness

/// `replicate`: audit and replicate machine-learning papers.
struct Replicate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replicate",
        abstract: "Replicate a paper's results from its spec and check its claims.",
        discussion: """
            Runs papers/<id>.yaml at a scale, compares with expected/<id>.yaml and writes \
            reports/<id>/<run>/{index.html,junit.xml,results.json,summary.md}.
            Exit codes: 0 every claim reproduced (or not applicable), 1 a claim failed, 2 bad input, 3 internal error.
            """,
        subcommands: Replicate.subcommandTypes)

    @Option(name: .long, help: "The paper id to run (see `replicate list`).") var paper: String?
    @Flag(name: .long, help: "Run every paper in papers/.") var all = false
    @Option(name: .long, help: "smoke | reduced | full") var scale: String = "smoke"
    @Option(name: .long, help: "Number of seeds (default: the spec's).") var seeds: Int?
    @Option(name: .long, help: "Folder holding the data sets (default $REPLICATE_DATA, else /usr/share/datasets).")
    var dataRoot: String?
    @Option(name: .long, help: "Repository folder holding papers/ and expected/.") var root: String = "."
    @Option(name: .long, help: "Where reports are written.") var reports: String = "reports"
    @Option(name: .long, help: "Also write one JUnit file for all papers run.") var junit: String?
    @OptionGroup(title: "Slurm") var slurm: SlurmFlags
    @Flag(name: .long, help: "No progress output.") var quiet = false

    func run() throws {
        guard paper != nil || all else { throw UsageError("give --paper <id> or --all (or a subcommand; see --help)") }
        guard let scale = Scale(rawValue: scale) else {
            throw UsageError("--scale must be smoke, reduced or full, not '\(self.scale)'")
        }
        if let seeds, seeds < 1 { throw UsageError("--seeds must be at least 1") }
        var options = RunOptions(specRoot: URL(fileURLWithPath: root), reportsRoot: URL(fileURLWithPath: reports))
        options.scale = scale
        options.seeds = seeds
        options.dataRoot = dataRoot
        options.quiet = quiet
        let ids = all ? SpecLoader(root: options.specRoot).allPaperIDs() : [paper!]
        let log = ProgressLog(quiet: quiet)
        let data = DataCatalog(explicitRoot: dataRoot)
        var records: [RunRecord] = []
        var failed = false
        // Ctrl-C while trials run on Slurm cancels them (unless detached) instead of leaving them queued.
        let interrupt = slurm.executor == "slurm" && !slurm.detach ? InterruptFlag() : nil
        interrupt?.install()
        for id in ids {
            let executor = try slurm.slurmExecutor(paper: id, options: options, data: data, interrupt: interrupt)
            let record: RunRecord, dir: URL
            do {
                (record, dir) = try PaperRun(options: options, log: log).run(paper: id, data: data, executor: executor)
            } catch let detached as SlurmDetached {
                print("\(id): \(detached)")
                continue
            } catch let interrupted as SlurmInterrupted {
                FileHandle.standardError.write(Data("\(interrupted)\n".utf8))
                throw ExitCode(130)
            }
            records.append(record)
            print(Verdicts.summary(record, directory: dir))
            failed = failed || record.claims.contains { [.notReproduced, .error, .regressed].contains($0.verdict) }
        }
        if let junit, !records.isEmpty {
            try Data(try JUnitWriter.merge(records: records).utf8).write(to: URL(fileURLWithPath: junit), options: .atomic)
        }
        if failed { throw ExitCode(1) }
    }
}

/// A bad flag combination (exit code 2).
struct UsageError: UserInputError {
    var description: String
    init(_ d: String) { description = d }
}
