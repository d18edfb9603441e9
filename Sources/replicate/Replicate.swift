import ArgumentParser
import Foundation
import Engine
import Harness

/// `replicate`: audit and replicate machine-learning papers. Running papers is the default subcommand
/// (`replicate --paper X` is `replicate run --paper X`), so the root has no options of its own: with them,
/// ArgumentParser would give the root's `--paper`/`--scale` the values meant for a subcommand's.
struct Replicate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replicate",
        abstract: "Replicate a paper's results from its spec and check its claims.",
        discussion: """
            Runs papers/<id>.yaml at a scale, compares with expected/<id>.yaml and writes \
            reports/<id>/<run>/{index.html,junit.xml,results.json,summary.md} and the history store.
            A trial whose resolved config (and engine version) already finished is reused; --force trains again.
            Exit codes: 0 every claim reproduced (or not applicable), 1 a claim failed or regressed, 2 bad input, \
            3 internal error.
            """,
        subcommands: Replicate.subcommandTypes,
        defaultSubcommand: RunCommand.self)
}

/// Flags shared by the commands that train (`replicate`, `replicate calibrate`).
struct RunFlags: ParsableArguments {
    @Option(name: .long, help: "History store (default <reports>/history.sqlite).") var store: String?
    @Flag(name: .long, help: "Train every trial even when the store holds an identical finished one.") var force = false
    @Flag(name: .long, help: "Continue interrupted trials from their checkpoints.") var resume = false
    @Option(name: .long, help: "Steps between trial checkpoints.") var checkpointEvery: Int = 50
    @Option(name: .long, help: "Also write every progress event as JSON lines to this file.") var logJSON: String?
    @Flag(name: .long, help: "Record as a nightly run: the baseline of the `regressed` verdict.") var nightly = false
    @Option(name: .long, help: ConvPathOption.help) var convPath: String = ConvPath.measured.rawValue

    func apply(to options: inout RunOptions) throws {
        guard checkpointEvery > 0 else { throw UsageError("--checkpoint-every must be at least 1") }
        if let store { options.storeURL = URL(fileURLWithPath: store) }
        options.force = force
        options.resume = resume
        options.checkpointEvery = checkpointEvery
        if nightly { options.kind = .nightly }
        options.convPath = try ConvPathOption.parse(convPath)
    }
}

/// `--conv-path`, shared by run, calibrate, plan and bench.
enum ConvPathOption {
    static let help = ArgumentHelp("How convolutions and the L-BFGS probe's products run: im2col (the reference: im2col "
        + "convolutions, OpenBLAS products), onednn, or measured (per shape the faster of the two on this host, timed once "
        + "and kept in $XDG_CACHE_HOME/replicate/conv-paths.tsv). In the trial key.",
        valueName: "path")
    static func parse(_ text: String) throws -> ConvPath {
        guard let path = ConvPath(rawValue: text.lowercased()) else {
            throw UsageError("--conv-path must be im2col, onednn or measured, not '\(text)'")
        }
        return path
    }
}

/// A bad flag combination (exit code 2).
struct UsageError: UserInputError {
    var description: String
    init(_ d: String) { description = d }
}
