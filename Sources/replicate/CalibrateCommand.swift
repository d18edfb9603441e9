import ArgumentParser
import Foundation
import Harness

/// `replicate calibrate --paper X --scale smoke --seeds N`: runs the paper and records this engine's
/// accuracies as `calibration` rows of `expected/<id>.yaml`, keeping the file's comments and order.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Record scaled-down reference values (with provenance) into expected/<id>.yaml.")

    @Option(name: .long, help: "Paper id.") var paper: String
    @Option(name: .long, help: "smoke | reduced") var scale: String = "smoke"
    @Option(name: .long, help: "Number of seeds (default: the spec's).") var seeds: Int?
    @Option(name: .long, help: "Folder holding the data sets.") var dataRoot: String?
    @Option(name: .long, help: "Repository folder holding papers/ and expected/.") var root: String = "."
    @Option(name: .long, help: "Where reports are written.") var reports: String = "reports"
    @OptionGroup var flags: RunFlags
    @Flag(name: .long, help: "No progress output.") var quiet = false

    func run() throws {
        guard let s = Scale(rawValue: scale), s != .full else { throw UsageError("--scale must be smoke or reduced, not '\(scale)'") }
        if let seeds, let problem = SeedPolicy.countProblem(seeds) { throw problem }
        var options = RunOptions(specRoot: URL(fileURLWithPath: root), reportsRoot: URL(fileURLWithPath: reports))
        options.scale = s
        options.seeds = seeds
        options.dataRoot = dataRoot
        options.quiet = quiet
        try flags.apply(to: &options)
        options.kind = .calibration
        let log = try ProgressLog(quiet: quiet, jsonLines: flags.logJSON.map { URL(fileURLWithPath: $0) })
        let data = DataCatalog(explicitRoot: dataRoot)
        let (record, dir) = try PaperRun(options: options, log: log)
            .run(paper: paper, data: data, store: try HistoryStore(url: options.storeURL))
        let dataset = try SpecLoader(root: options.specRoot).load(paper: paper).resolved(scale: s).data.dataset
        let rows = try Calibration.rows(from: record, dataset: dataset)
        let url = try Calibration.write(rows, paper: paper, specRoot: options.specRoot,
                                        heading: "Calibrated at \(s.rawValue) scale by `replicate calibrate` (source: calibration).")
        for r in rows { print("\(r.id): \(r.value) ± \(r.tolerance ?? 0) (spread \(r.spread ?? 0))") }
        print("wrote \(rows.count) rows to \(url.path) (run \(record.runId), report \(dir.appendingPathComponent("index.html").path))")
    }
}
