import Foundation
@testable import Harness

/// A scratch repository with paper `tiny`: align-uniform's spec with a few-step smoke variant (2 methods ×
/// 2 seeds, small evaluation subsets) and hostile text in the title, a checklist note, a method label and a
/// claim quote, so end-to-end tests train for real in seconds and check escaping on the way.
enum TinyPaper {
    static let hostileTitle = #"<script>alert("t")</script> Tiny & "quoted" </pre><svg onload=alert(1)>"#
    static let hostileLabel = #"L_contrastive <img src=x onerror=alert(2)>"#
    static let hostileQuote = #"Table 1 & </td></table><script>alert(3)</script>"#

    static func yamlQuoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Creates the repository and returns its root.
    static func make(steps: Int = 8) throws -> URL {
        let root = try RepoCopy.make()
        let source = try String(contentsOf: root.appendingPathComponent("papers/align-uniform.yaml"), encoding: .utf8)
        var spec = try replaceLine(in: source, startingWith: "id: align-uniform", with: "id: tiny")
        spec = try replaceLine(in: spec, startingWith: "  title:", with: "  title: \(yamlQuoted(hostileTitle))")
        spec = try replaceLine(in: spec, startingWith: "  pseudocode:",
                               with: "  pseudocode: {answer: yes, note: \(yamlQuoted("note <b>bold</b> & <script>x</script>"))}")
        spec = spec.replacingOccurrences(of: #"label: "L_contrastive (tau=0.19)""#, with: "label: \(yamlQuoted(hostileLabel))")
        guard let claim = spec.range(of: "metric: retrieval.top1, margin: 0.02, scales: [smoke],\n     quote: ") else {
            throw TinyPaperError.missing("the smoke non-inferiority claim")
        }
        let lineEnd = spec[claim.upperBound...].firstIndex(of: "\n")!
        spec.replaceSubrange(claim.upperBound..<lineEnd, with: yamlQuoted(hostileQuote) + "}")
        // Replace the paper's smoke settings up to its methods (comments and evaluations) with tiny ones.
        guard let smokeStart = spec.range(of: "  smoke:\n"),
              let methods = spec.range(of: "    methods:\n", range: smokeStart.upperBound..<spec.endIndex)
        else { throw TinyPaperError.missing("the smoke variant") }
        spec.replaceSubrange(smokeStart.lowerBound..<methods.upperBound, with: """
              smoke:
                steps: \(steps)
                batch_size: 32
                seeds: 2
                evaluation:
                  - {id: retrieval, protocol: retrieval, features: projector, test_subset: 100}
                  - {id: geometry, protocol: alignment-uniformity, features: output, alpha: 2, t: 2, test_subset: 100}
                  - {id: linear-encoder, protocol: linear-probe, features: encoder, train_subset: 200, test_subset: 200,
                     optimizer: {name: adam, lr: 1.0e-3}, epochs: 1, batch_size: 100, select: final}
                  - {id: knn5-output, protocol: knn, features: output, k: 5, train_subset: 200, test_subset: 100}
                  - {id: few, protocol: few-label, features: encoder, labels_per_class: 2, trials: 2, hidden: [16],
                     steps: 5, train_subset: 200, test_subset: 100}
                methods:

            """)
        try spec.write(to: root.appendingPathComponent("papers/tiny.yaml"), atomically: true, encoding: String.Encoding.utf8)
        try "version: 1\npaper: tiny\nrows: []\n".write(to: root.appendingPathComponent("expected/tiny.yaml"), atomically: true, encoding: String.Encoding.utf8)
        return root
    }

    static func replaceLine(in text: String, startingWith prefix: String, with line: String) throws -> String {
        var lines = text.components(separatedBy: "\n")
        guard let i = lines.firstIndex(where: { $0.hasPrefix(prefix) }) else { throw TinyPaperError.missing(prefix) }
        lines[i] = line
        return lines.joined(separator: "\n")
    }

    /// The `replicate` executable built with the tests (beside the test bundle).
    static var binary: URL {
        let beside = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("replicate")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("replicate"),
                          ReportFixtures.repoRoot.appendingPathComponent(".build/debug/replicate")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? beside
    }

    enum TinyPaperError: Error { case missing(String) }
}

/// A child process with its output captured in files (pipes could fill up and stall it).
final class Child {
    let process = Process()
    let stdout: URL, stderr: URL

    init(_ executable: URL, _ arguments: [String], in dir: URL) throws {
        stdout = dir.appendingPathComponent("out-\(UUID().uuidString).txt")
        stderr = dir.appendingPathComponent("err-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        process.environment = replicateEnvironment
        process.currentDirectoryURL = dir
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
    }

    @discardableResult
    func wait() -> Int32 { process.waitUntilExit(); return process.terminationStatus }
    var output: String { (try? String(contentsOf: stdout, encoding: .utf8)) ?? "" }
    var errors: String { (try? String(contentsOf: stderr, encoding: .utf8)) ?? "" }
}
