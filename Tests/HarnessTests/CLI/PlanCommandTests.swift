import Foundation
import Testing
@testable import Harness

// Sources/replicate/PlanCommand.swift, through the built binary: the paper as an argument or as `--paper` (as `run`
// and `calibrate` take it) gives the same plan; neither, or two different ones, is a usage error (exit 2, not a crash).

@Test func planTakesThePaperAsAnArgumentOrAsPaperOption() throws {
    let common = ["--root", repositoryRoot.path, "--scale", "smoke", "--conv-path", "im2col"]
    let positional = try runReplicate(["plan", "ring"] + common)
    let option = try runReplicate(["plan", "--paper", "ring"] + common)
    #expect(positional.status == 0 && option.status == 0, "\(positional.stderr)\n\(option.stderr)")
    // The same plan: the same trial rows (the time column comes from a fresh sgemm timing in each process).
    func methods(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }.filter { $0.hasPrefix("moco") }
    }
    #expect(methods(positional.stdout) == ["moco", "moco-ring"] && methods(option.stdout) == methods(positional.stdout))
    let neither = try runReplicate(["plan"] + common)
    #expect(neither.status == 2 && neither.stderr.contains("replicate plan <id> or --paper <id>"), "\(neither.stderr)")
    let two = try runReplicate(["plan", "ring", "--paper", "cacr"] + common)
    #expect(two.status == 2 && two.stderr.contains("Two papers given"), "\(two.stderr)")
}
