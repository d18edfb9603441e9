import ArgumentParser
import Foundation
import Harness

/// `replicate [run] --paper X | --all`: train a paper's trials at a scale, check its claims, write reports.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run papers (the default: `replicate --paper X` is `replicate run --paper X`).")

    @Option(name: .long, help: "The paper id to run (see `replicate list`).") var paper: String?
    @Flag(name: .long, help: "Run every paper in papers/.") var all = false
    @Option(name: .long, help: "smoke | reduced | full") var scale: String = "smoke"
    @Option(name: .long, help: "Number of seeds (default: the spec's), or auto[:MAX]: add seeds in rounds until every relative claim is decided (alpha spending; MAX default 10).")
    var seeds: String?
    @Option(name: .long, help: "Folder holding the data sets (default $REPLICATE_DATA, else /usr/share/datasets).")
    var dataRoot: String?
    @Option(name: .long, help: "Repository folder holding papers/ and expected/.") var root: String = "."
    @Option(name: .long, help: "Where reports are written.") var reports: String = "reports"
    @Option(name: .long, help: "Also write one JUnit file for all papers run.") var junit: String?
    @OptionGroup var flags: RunFlags
    @OptionGroup(title: "Slurm") var slurm: SlurmFlags
    @Flag(name: .long, help: "No progress output.") var quiet = false

    func run() throws {
        guard paper != nil || all else { throw UsageError("give --paper <id> or --all (or a subcommand; see --help)") }
        if paper != nil && all { throw UsageError("give --paper <id> or --all, not both") }
        guard let scale = Scale(rawValue: scale) else {
            throw UsageError("--scale must be smoke, reduced or full, not '\(self.scale)'")
        }
        var options = RunOptions(specRoot: URL(fileURLWithPath: root), reportsRoot: URL(fileURLWithPath: reports))
        options.scale = scale
        if let seeds {
            switch try SeedPolicy.parse(seeds).get() {
            case .fixed(let n): options.seeds = n
            case .auto(let max): options.autoSeedsMax = max
            }
        }
        options.dataRoot = dataRoot
        options.quiet = quiet
        try flags.apply(to: &options)
        try slurm.checkValues()
        let ids = all ? SpecLoader(root: options.specRoot).allPaperIDs() : [paper!]
        let log = try ProgressLog(quiet: quiet, jsonLines: flags.logJSON.map { URL(fileURLWithPath: $0) })
        let data = DataCatalog(explicitRoot: dataRoot)
        let store = try HistoryStore(url: options.storeURL)
        var records: [RunRecord] = []
        var failed = false
        var badInput: [UserInputError] = []
        // Ctrl-C while trials run on Slurm cancels them (unless detached) instead of leaving them queued.
        let interrupt = slurm.executor == "slurm" && !slurm.detach ? InterruptFlag() : nil
        interrupt?.install()
        for id in ids {
            do {
                let executor = try slurm.slurmExecutor(paper: id, options: options, data: data, interrupt: interrupt)
                let (record, dir) = try PaperRun(options: options, log: log)
                    .run(paper: id, data: data, store: store, executor: executor)
                records.append(record)
                print(Verdicts.summary(record, directory: dir))
                failed = failed || Verdicts.failed(record)
            } catch let detached as SlurmDetached {
                print("\(id): \(detached)")
            } catch let interrupted as SlurmInterrupted {
                FileHandle.standardError.write(Data("\(interrupted)\n".utf8))
                throw ExitCode(130)
            } catch let e as UserInputError where all {
                // One paper the engine cannot run yet must not cost the others their run or CI its JUnit file:
                // report it, go on, and exit 2 at the end.
                FileHandle.standardError.write(Data("error: \(e.description)\n".utf8))
                print("\(id) @ \(scale.rawValue): not run: \(e.description)")
                badInput.append(e)
            }
        }
        if let junit, !records.isEmpty {
            let url = URL(fileURLWithPath: junit)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(try JUnitWriter.merge(records: records).utf8).write(to: url, options: .atomic)
        }
        if let first = badInput.first {
            throw badInput.count == 1 ? first : UsageError("\(badInput.count) papers could not run; first: \(first.description)")
        }
        if failed { throw ExitCode(1) }
    }
}
