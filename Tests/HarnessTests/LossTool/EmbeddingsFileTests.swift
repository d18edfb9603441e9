import Foundation
import Testing
@testable import Harness

struct EmbeddingsFileTests {
    @Test("decodes views, negatives and indices into tensors of their shapes")
    func decodes() throws {
        let json = #"{"views": [[[1, 2], [3, 4], [5, 6]], [[1, 0], [0, 1], [1, 1]]], "negatives": [[0.5, 0.5]], "indices": [7, 8, 9]}"#
        let input = try EmbeddingsFile.decode(Data(json.utf8), path: "e.json").lossInput(path: "e.json")
        #expect(input.views.map(\.shape) == [[3, 2], [3, 2]])
        #expect(input.views[0].array == [1, 2, 3, 4, 5, 6])
        #expect(input.negatives?.shape == [1, 2])
        #expect(input.indices == [7, 8, 9])
    }

    @Test("malformed or misshapen input names the file and the place", arguments: [
        (#"{"views": [[[1, 2], [3"#, "--input e.json: not valid JSON"),
        (#"{"view": []}"#, "--input e.json: missing key 'views' at the top level"),
        (#"{"views": [[[1, "a"]]]}"#, "--input e.json: expected a number at views[0][0][1]"),
        (#"{"views": [[1, 2]]}"#, "--input e.json: expected a list at views[0][0]"),
        (#"{"views": []}"#, "--input e.json: 'views' is empty"),
        (#"{"views": [[]]}"#, "--input e.json: views[0] has no numbers"),
        (#"{"views": [[[1, 2], [3]]]}"#, "--input e.json: views[0][1] has 1 numbers but views[0][0] has 2"),
        (#"{"views": [[[1, 2]], [[1, 2], [3, 4]]]}"#, "--input e.json: views[1] is (2, 2) but views[0] is (1, 2)"),
        (#"{"views": [[[1, 2]]], "negatives": [[1, 2, 3]]}"#, "--input e.json: negatives have 3 columns, the views 2"),
        (#"{"views": [[[1, 2]]], "indices": [1, 2]}"#, "--input e.json: 2 indices for 1 rows per view"),
        (#"{"views": [[[1e300, 2]]]}"#, "--input e.json: views[0][0][0] is not a finite float32"),
    ])
    func rejects(json: String, message: String) {
        do {
            _ = try EmbeddingsFile.decode(Data(json.utf8), path: "e.json").lossInput(path: "e.json")
            Issue.record("accepted \(json)")
        } catch let error as LossToolError {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func unreadableFileNamesThePath() {
        #expect(throws: LossToolError.self) { try EmbeddingsFile.load(path: "/nonexistent/embeddings.json") }
        do { _ = try EmbeddingsFile.load(path: "/nonexistent/embeddings.json") } catch {
            #expect("\(error)".hasPrefix("--input /nonexistent/embeddings.json: cannot read the file"))
        }
    }
}
