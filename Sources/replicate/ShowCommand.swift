import ArgumentParser
import Foundation
import Harness

/// `replicate show <id> [--scale S]`: the fully merged recipe of one scale, as a spec that validates again.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a paper's resolved recipe for one scale as YAML.")

    @Option(help: "Repository checkout holding papers/ and expected/.")
    var root: String = FileManager.default.currentDirectoryPath

    @Option(help: "smoke, reduced or full.")
    var scale: String = "full"

    @Argument(help: "Paper id, e.g. align-uniform.")
    var id: String

    func run() throws {
        guard let scale = Scale(rawValue: scale) else {
            throw UnknownScale(given: scale)
        }
        let spec = try SpecLoader(root: URL(fileURLWithPath: root)).load(paper: id)
        print(spec.resolved(scale: scale).yamlText(), terminator: "")
    }
}

/// A `--scale` value that is not a scale (bad input: exit code 2).
struct UnknownScale: UserInputError {
    var given: String
    var description: String { "--scale: unknown scale '\(given)': use smoke, reduced or full" }
}
