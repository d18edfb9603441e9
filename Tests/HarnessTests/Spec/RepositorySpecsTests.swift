import Foundation
import Testing
@testable import Harness

/// The specs and tables committed in papers/ and expected/ validate, and each paper loads at every scale.
@Test func repositorySpecsValidate() throws {
    let loader = SpecLoader(root: repositoryRoot)
    let issues = loader.validate(paths: [])
    for issue in issues { print(issue) }
    #expect(!loader.allSpecFiles().isEmpty)
    #expect(issues.filter(\.isError).isEmpty)
}

@Test(arguments: SpecLoader(root: repositoryRoot).allPaperIDs())
func repositoryPaperLoads(id: String) throws {
    let loader = SpecLoader(root: repositoryRoot)
    let spec = try loader.load(paper: id)
    #expect(spec.id == id)
    let smoke = spec.resolved(scale: .smoke)
    #expect(smoke.data.dataset == "fashion-mnist")
    #expect(smoke.model.backbone == "convnet-s")
    #expect(smoke.steps == 60 && smoke.batchSize == 128 && smoke.seeds == 3)  // recipes/fashion-mnist.yaml
    #expect(smoke.evaluation.contains { $0.protocol == "retrieval" && $0.features == "projector" })
    #expect(smoke.claims.contains { $0.check == "above-random" && $0.metric == "retrieval.top1" })
    let table = try loader.loadExpected(paper: id)
    #expect(table.paper == id)
}
