import Testing
@testable import Harness

struct LossCatalogTests {
    func method(_ loss: String, views: Int = 2, momentum: Bool = false, queue: Bool = false, bank: Bool = false) -> MethodSpec {
        MethodSpec(id: "m", label: "m", loss: .init(name: loss, parameters: [:]), views: views,
                   momentumEncoder: momentum ? .init(momentum: 0.999, shuffleBN: true) : nil,
                   queue: queue ? .init(size: 64) : nil,
                   memoryBank: bank ? .init(size: nil, momentum: 0, negatives: 10) : nil, useProjector: true)
    }

    @Test("losses and components agree: accepted combinations")
    func accepted() {
        #expect(LossCatalog.componentProblem(method("moco", momentum: true, queue: true), viewsGiven: false) == nil)
        #expect(LossCatalog.componentProblem(method("ring", momentum: true, queue: true), viewsGiven: false) == nil)
        #expect(LossCatalog.componentProblem(method("ring", views: 1, bank: true), viewsGiven: true) == nil)
        #expect(LossCatalog.componentProblem(method("instance-discrimination", views: 1, bank: true), viewsGiven: true) == nil)
        #expect(LossCatalog.componentProblem(method("nt-xent"), viewsGiven: false) == nil)
        #expect(LossCatalog.componentProblem(method("cacr", views: 5), viewsGiven: true) == nil)
    }

    @Test("losses and components disagree: the offending key and why", arguments: [
        ("moco", 2, false, false, false, "loss.name", "needs momentum_encoder and queue"),
        ("moco", 2, true, false, false, "momentum_encoder", "go together"),
        ("instance-discrimination", 1, false, false, false, "loss.name", "needs memory_bank"),
        ("ring", 2, false, false, false, "loss.name", "needs memory_bank (IR-Ring) or momentum_encoder and queue"),
        ("nt-xent", 2, false, false, true, "loss.name", "takes no memory bank"),
        ("instance-discrimination", 2, false, false, true, "views", "set views: 1"),
        ("ring", 1, true, true, false, "views", "takes 2 views"),
        ("ring", 1, true, true, true, "memory_bank", "not both"),
        ("nt-xent", 1, false, false, false, "views", "needs at least 2 views"),
    ])
    func rejected(loss: String, views: Int, momentum: Bool, queue: Bool, bank: Bool, key: String, message: String) throws {
        let problem = try #require(LossCatalog.componentProblem(method(loss, views: views, momentum: momentum, queue: queue, bank: bank),
                                                                viewsGiven: true))
        #expect(problem.key == key && problem.message.contains(message), "\(problem)")
    }

    @Test("the spec validator reports a mismatch at the method, with its line")
    func validatorReportsIt() throws {
        let text = minimalSpec.replacingOccurrences(of: "{name: nt-xent, temperature: 0.5}", with: "{name: moco, temperature: 0.2}")
        let repo = try TempRepo(files: ["papers/demo.yaml": text])
        defer { repo.remove() }
        let issues = repo.loader.validate(paths: ["papers/demo.yaml"]).filter(\.isError)
        #expect(issues.map(\.description) == ["papers/demo.yaml:33:11: methods[0].loss.name: loss 'moco' needs momentum_encoder and queue"])
    }
}
