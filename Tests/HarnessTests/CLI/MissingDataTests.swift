import Foundation
import Testing
@testable import Harness

// Sources/Harness/Run/PaperRun.swift and Sources/replicate/Verdicts.swift, through the built `replicate` binary:
// missing data at a scale that needs it is exit 2 naming the file; at `full`, where data is optional, the claims
// are `not run`, the summary says nothing was checked, and the exit code is not 0.

/// A scratch folder with a data root and a reports folder.
private struct Scratch {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("missing-data-\(UUID().uuidString)")
    var data: URL { root.appendingPathComponent("data") }
    var reports: URL { root.appendingPathComponent("reports") }

    init() throws { try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true) }
    func remove() { try? FileManager.default.removeItem(at: root) }
}

@Test func missingFashionMNISTLabelsAtSmokeScaleIsExitTwoNamingTheFile() throws {
    let s = try Scratch()
    defer { s.remove() }
    // Three of the four files (their content is never read: the missing one stops the run first).
    let folder = s.data.appendingPathComponent("fashion-mnist")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in ["train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"] {
        #expect(FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data()))
    }
    let run = try runReplicate(["--paper", "align-uniform", "--root", repositoryRoot.path,
                                                   "--data-root", s.data.path, "--reports", s.reports.path, "--quiet"])
    #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(run.stderr)")
    #expect(run.stderr.contains(folder.appendingPathComponent("train-labels-idx1-ubyte.gz").path))
    #expect(run.stderr.contains("dataset-fashion-mnist") && run.stderr.contains("--data-root"))
    // Nothing was started: no run folder, no report.
    #expect(!FileManager.default.fileExists(atPath: s.reports.appendingPathComponent("align-uniform").path))
}

@Test func missingDataAtFullScaleIsNotRunAndNeverExitZero() throws {
    let s = try Scratch()
    defer { s.remove() }
    let run = try runReplicate(["--paper", "align-uniform", "--scale", "full", "--root", repositoryRoot.path,
                                                   "--data-root", s.data.path, "--reports", s.reports.path, "--quiet"])
    #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
    #expect(run.stdout.contains("nothing was checked: no trial ran"))
    let verdicts = run.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.contains("report:") && !$0.contains("nothing was checked") }
    #expect(!verdicts.isEmpty && verdicts.allSatisfy { $0.hasPrefix("  not run") }, "\(run.stdout)")
    // The reason names the missing STL-10 file and the command that fetches it.
    #expect(run.stdout.contains("stl10_binary") && run.stdout.contains("replicate data fetch stl10"), "\(run.stdout)")
}
