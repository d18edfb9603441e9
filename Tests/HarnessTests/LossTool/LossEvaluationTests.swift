import Contrastive
import Foundation
import Testing
@testable import Harness

struct LossEvaluationTests {
    /// Two views of three 2-d rows.
    static let embeddings = EmbeddingsFile(views: [[[1, 0.2], [0.3, 1], [0.5, -0.5]], [[0.9, 0.3], [0.2, 1.1], [0.6, -0.4]]])

    @Test("runs a loss from its --param strings on a PyTorch reference fixture, read from a file")
    func matchesTheReferenceFixture() throws {
        // The loss reference fixture of ContrastiveTests (scripts/loss_reference.py): its 5-view input, CACR K = 4.
        let url = repositoryRoot.appendingPathComponent("Tests/ContrastiveTests/Fixtures/loss_reference.json")
        let fixture = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let inputs = try #require(fixture["inputs"] as? [[String: Any]])
        let input = try #require(inputs.first { $0["name"] as? String == "five-views" })
        let n = try #require(input["n"] as? Int), d = try #require(input["d"] as? Int)
        let flat = try #require(input["views"] as? [[Double]])
        let views = flat.map { v in (0..<n).map { Array(v[$0 * d..<($0 + 1) * d]) } }
        let cases = try #require(fixture["cases"] as? [[String: Any]])
        let reference = try #require(cases.first {
            $0["loss"] as? String == "cacr" && $0["input"] as? String == "five-views"
                && ($0["parameters"] as? [String: Double])?["tau_plus"] == 0.1
        })
        let parameters = try #require(reference["parameters"] as? [String: Double])

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loss-eval-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: ["views": views]).write(to: file)
        let settings = parameters.map { "\($0.key)=\($0.value)" }
        let result = try LossEvaluation.evaluate(name: "cacr", parameters: settings, inputPath: file.path)

        #expect(result.parameters == parameters)
        let value = try #require(reference["value"] as? Double)
        #expect(abs(Double(result.value) - value) <= 1e-5 * abs(value), "\(result.value) vs PyTorch \(value)")
        let grads = try #require(reference["grads"] as? [[Double]])
        #expect(result.gradient.count == 5 && result.gradient.allSatisfy { $0.count == n && $0.allSatisfy { $0.count == d } })
        for (k, view) in result.gradient.enumerated() {
            let error = zip(view.joined(), grads[k]).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? .infinity
            #expect(error <= 1e-4, "gradient of view \(k)")
        }
    }

    @Test("prints value, gradient, loss and every parameter as one line of JSON")
    func jsonOutput() throws {
        let result = try LossEvaluation.evaluate(name: "nt-xent", parameters: ["temperature=0.2"], embeddings: Self.embeddings,
                                                 path: "e.json")
        let json = try result.json()
        #expect(!json.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["loss"] as? String == "nt-xent")
        #expect((object["parameters"] as? [String: Double]) == ["temperature": 0.2])
        #expect(abs((object["value"] as? Double ?? .nan) - Double(result.value)) < 1e-6)
        #expect((object["gradient"] as? [[[Double]]])?.map { $0.map(\.count) } == [[2, 2, 2], [2, 2, 2]])
        // Defaults are filled in and the gradient is the tape's: descending along it lowers the loss.
        let stepped = EmbeddingsFile(views: zip(Self.embeddings.views, result.gradient).map { view, grad in
            zip(view, grad).map { row, g in zip(row, g).map { $0 - 0.1 * Double($1) } }
        })
        let after = try LossEvaluation.evaluate(name: "nt-xent", parameters: ["temperature=0.2"], embeddings: stepped, path: "e.json")
        #expect(after.value < result.value)
    }

    @Test("bad input is a LossToolError naming the flag or file", arguments: [
        ("kernel-infonc", [String](), "unknown loss 'kernel-infonc' (did you mean 'kernel-infonce'?)"),
        ("nt-xent", ["temprature=1"], "--param 'temprature': loss 'nt-xent' has no such parameter (did you mean 'temperature'?)"),
        ("nt-xent", ["temperature"], "--param 'temperature': expected key=value"),
        ("nt-xent", ["temperature=warm"], "--param 'temperature=warm': 'warm' is not a number"),
        ("nt-xent", ["temperature=0"], "--param 'temperature': must be in [0.0001, 100], found 0"),
        ("nt-xent", ["temperature=1", "temperature=2"], "--param 'temperature' is given twice"),
        ("cacr", ["choice=1.5"], "--param 'choice': must be a whole number, found 1.5"),
        ("cacr", ["positives=4"], "--input e.json: loss 'cacr' expects 5 views, got 2"),
        ("kernel-infonce", ["mode=1", "gamma=1"], "--input e.json: loss 'kernel-infonce' Concatenation Sum (mode 1) splits z into two halves: D must be even, got 2"),
    ])
    func rejects(name: String, settings: [String], message: String) {
        let odd = EmbeddingsFile(views: [[[1, 2, 3], [4, 5, 6]], [[1, 2, 2], [4, 4, 6]]])
        let embeddings = name == "kernel-infonce" ? odd : Self.embeddings
        let expected = message.replacingOccurrences(of: "got 2", with: name == "kernel-infonce" ? "got 3" : "got 2")
        do {
            _ = try LossEvaluation.evaluate(name: name, parameters: settings, embeddings: embeddings, path: "e.json")
            Issue.record("no error for \(name) \(settings)")
        } catch let error as LossToolError {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("the name and parameters are checked before the file is read")
    func checksTheNameFirst() {
        #expect(throws: LossToolError("unknown loss 'nope'; known: " + LossRegistry.names.joined(separator: ", ")
                                      + " (replicate loss --list)")) {
            try LossEvaluation.evaluate(name: "nope", parameters: [], inputPath: "/nonexistent/e.json")
        }
    }

    @Test func listingShowsEveryLossWithItsParametersDefaultsRangesAndPaper() {
        let text = LossListing.text()
        for entry in LossRegistry.entries {
            #expect(text.contains("\(entry.name): \(entry.summary)"))
            #expect(text.contains("  paper: \(entry.paper)"))
            for p in entry.parameters { #expect(text.contains("\(p.doc)"), "\(entry.name).\(p.name)") }
        }
        #expect(text.contains("positives  default 1  range [1, 16] whole"))
        #expect(text.contains("eps           default 0.000001  range [0, 1]") || text.contains("eps           default 1e-06  range [0, 1]"))
    }
}
