import ArgumentParser
import Foundation
import Harness

/// `replicate loss <name> [--param key=value …] --input embeddings.json`, or `replicate loss --list`.
struct LossCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loss",
        abstract: "Evaluate a registered loss on embeddings from a JSON file; print its value and gradient as JSON.",
        discussion: """
            The input is {"views": [[[…row…], …], …]} (V views of N rows of D numbers), optionally with \
            "negatives" (K rows of D) and "indices" (N integers); see README.md. Output: \
            {"gradient": [V][N][D], "loss": …, "parameters": {…}, "value": …}.
            """)

    @Argument(help: "A loss name (see --list).") var name: String?
    @Option(name: .customLong("param"), help: "A loss parameter, key=value (repeat for several).") var params: [String] = []
    @Option(help: "The embeddings JSON file.") var input: String?
    @Flag(help: "List the losses with their parameters, defaults, ranges and papers.") var list = false

    func run() throws {
        if list {
            guard name == nil, input == nil, params.isEmpty else { throw LossToolError("--list takes no loss, --param or --input") }
            print(LossListing.text(), terminator: "")
            return
        }
        guard let name else { throw LossToolError("give a loss name (replicate loss --list shows them) or --list") }
        guard let input else { throw LossToolError("--input: give the embeddings JSON file") }
        print(try LossEvaluation.evaluate(name: name, parameters: params, inputPath: input).json())
    }
}
