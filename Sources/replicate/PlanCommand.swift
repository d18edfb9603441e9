import ArgumentParser
import Foundation
import Engine
import Harness

/// `replicate plan <id> --scale S [--seeds N]` (or `--paper <id>`, as `run` and `calibrate` take it): what a run
/// would cost, before running it.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "List a run's trials with FLOPs, estimated time here and on the paper's hardware, and memory.")

    @Option(help: "Repository checkout holding papers/ and expected/.") var root: String = FileManager.default.currentDirectoryPath
    @Option(help: "smoke, reduced or full.") var scale: String = "full"
    @Option(help: "Seeds per method (default: the spec's).") var seeds: Int?
    @Option(help: "History store whose finished trials give measured times (default reports/history.sqlite, when present).")
    var store: String?
    @Option(help: ConvPathOption.help) var convPath: String = ConvPath.measured.rawValue
    @Argument(help: "Paper id, e.g. align-uniform.") var id: String?
    @Option(help: "The paper id, as run and calibrate take it (instead of the argument).") var paper: String?

    func validate() throws {
        switch (id, paper) {
        case (nil, nil): throw ValidationError("Missing the paper: replicate plan <id> or --paper <id>")
        case let (a?, b?) where a != b: throw ValidationError("Two papers given: '\(a)' and --paper '\(b)'")
        default: break
        }
    }

    func run() throws {
        let id = (paper ?? id)!
        guard let scale = Scale(rawValue: scale) else { throw UnknownScale(given: scale) }
        if let seeds, let problem = SeedPolicy.countProblem(seeds) { throw problem }
        let spec = try SpecLoader(root: URL(fileURLWithPath: root)).load(paper: id)
        let storePath = store ?? "reports/history.sqlite", present = FileManager.default.fileExists(atPath: storePath)
        if store != nil, !present { throw UsageError("--store \(storePath): no such file (a run creates it with --store)") }
        let history = present ? try HistoryStore(url: URL(fileURLWithPath: storePath)) : nil
        print(try CostReport(recipe: spec.resolved(scale: scale), seeds: seeds, store: history,
                                 convPath: try ConvPathOption.parse(convPath)).text)
    }
}
