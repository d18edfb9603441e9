import ArgumentParser
import Foundation
import Harness

/// `replicate list`: the papers in papers/, with their methods and scales.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the papers with their methods and scales.")

    @Option(help: "Repository checkout holding papers/ and expected/.")
    var root: String = FileManager.default.currentDirectoryPath

    func run() throws {
        let loader = SpecLoader(root: URL(fileURLWithPath: root))
        var failures: [SpecIssue] = []
        for id in loader.allPaperIDs() {
            do {
                let spec = try loader.load(paper: id)
                print("\(spec.id)\t\(spec.paper.title)\t\(spec.paper.venue)")
                print("  methods: \(spec.methodIDs.joined(separator: ", "))")
                print("  scales:  \(spec.scales.map(\.rawValue).joined(separator: ", "))")
            } catch let error as SpecError {
                print("\(id)\t(invalid spec: run 'replicate validate papers/\(id).yaml')")
                failures += error.issues
            }
        }
        if !failures.isEmpty { throw SpecError(issues: failures) }
    }
}
