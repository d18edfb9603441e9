import ArgumentParser
import Foundation
import Harness

/// `replicate validate [paths…]`: strict checks of paper specs and expected tables, every issue at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check paper specs (papers/) and expected tables (expected/); every file when no path is given.")

    @Option(help: "Repository checkout holding papers/ and expected/.")
    var root: String = FileManager.default.currentDirectoryPath

    @Argument(help: "Files to check, relative to --root or absolute.")
    var paths: [String] = []

    func run() throws {
        let loader = SpecLoader(root: URL(fileURLWithPath: root))
        let count = paths.isEmpty ? loader.allSpecFiles().count : paths.count
        let issues = loader.validate(paths: paths)
        for issue in issues { print(issue) }
        let errors = issues.filter(\.isError)
        guard errors.isEmpty else { throw SpecError(issues: errors) }
        let warnings = issues.count - errors.count
        print("ok: \(count) files" + (warnings > 0 ? " (\(warnings) warnings)" : ""))
    }
}
