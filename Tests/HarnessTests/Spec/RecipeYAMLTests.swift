import Foundation
import Testing
@testable import Harness

/// `show` output validates again and resolves to the same recipe, for every committed paper and scale.
@Test(arguments: SpecLoader(root: repositoryRoot).allPaperIDs())
func resolvedRecipeRoundTrips(id: String) throws {
    let spec = try SpecLoader(root: repositoryRoot).load(paper: id)
    for scale in Scale.allCases {
        let recipe = spec.resolved(scale: scale)
        let text = recipe.yamlText()
        let repo = try TempRepo(files: ["papers/\(id).yaml": text])
        defer { repo.remove() }
        let errors = repo.loader.validate(paths: ["papers/\(id).yaml"]).filter(\.isError)
        #expect(errors.isEmpty, "\(id) \(scale): \(errors.map(\.description))")
        let again = try repo.loader.load(paper: id).resolved(scale: scale)
        #expect(again == recipe, "\(id) \(scale) changed in the round trip")
    }
}

@Test(arguments: [
    ("yes", "\"yes\""), ("No", "\"No\""), ("null", "\"null\""), ("2005.10242", "\"2005.10242\""), ("1e5", "\"1e5\""),
    ("nt-xent", "nt-xent"), ("train+unlabeled", "train+unlabeled"), ("a: b", "\"a: b\""), ("say \"hi\"", "\"say \\\"hi\\\"\""),
    ("", "\"\""), ("- x", "\"- x\""),
])
func stringsAreQuotedWhenAReaderCouldMisreadThem(text: String, written: String) {
    #expect(YAMLWriter.quoteIfNeeded(text) == written)
}

@Test func writerNestsListsOfMappings() {
    let value = YAMLValue.map([("methods", .list([.map([("id", .string("a")), ("loss", .map([("name", .string("x"))]))])])),
                               ("scale", .list([.double(0.2), .double(1)])), ("empty", .list([]))])
    #expect(YAMLWriter.text(value) == "methods:\n  - id: a\n    loss:\n      name: x\nscale: [0.2, 1.0]\nempty: []\n")
}
