import Foundation
import Testing
@testable import Harness

@Test func invalidPaperIDIsRejectedBeforeTheFileSystem() throws {
    let repo = try TempRepo()
    defer { repo.remove() }
    for bad in ["../etc/passwd", "Align", "a b", ""] {
        #expect {
            try repo.loader.load(paper: bad)
        } throws: { error in
            (error as? SpecError)?.description.contains("invalid paper id") == true
        }
    }
}

@Test func unknownPaperListsKnownIDsWithSuggestion() throws {
    let repo = try TempRepo(files: ["papers/demo.yaml": minimalSpec])
    defer { repo.remove() }
    do {
        _ = try repo.loader.load(paper: "dmeo")
        Issue.record("expected an error")
    } catch let error as SpecError {
        #expect(error.description == "papers/dmeo.yaml: unknown paper 'dmeo' (did you mean 'demo'?); known papers: demo")
    }
    #expect(repo.loader.allPaperIDs() == ["demo"])
}

@Test func includeIsMergedUnderTheFile() throws {
    let base = minimalSpec.replacingOccurrences(of: "epochs: 10\n", with: "")
        .replacingOccurrences(of: "version: 1\n", with: "version: 1\ninclude: [recipes/common.yaml]\n")
    let repo = try TempRepo(files: [
        "papers/demo.yaml": base.replacingOccurrences(of: "seeds: 3", with: "seeds: 2"),
        "papers/recipes/common.yaml": "epochs: 7\nseeds: 5\nvariants:\n  smoke: {seeds: 9}\n",
    ])
    defer { repo.remove() }
    let spec = try repo.loader.load(paper: "demo")
    #expect(spec.resolved(scale: .full).epochs == 7)        // from the include
    #expect(spec.resolved(scale: .full).seeds == 2)         // the file wins over the include
    #expect(spec.resolved(scale: .smoke).seeds == 9)        // the include's variant merges with the file's
    #expect(spec.resolved(scale: .smoke).steps == 100)
    #expect(repo.loader.validate(paths: ["papers/recipes/common.yaml"]).isEmpty)
}

@Test(arguments: [
    ("[../outside.yaml]", "include '../outside.yaml' escapes the papers folder"),
    ("[/etc/hosts]", "include '/etc/hosts' must be relative to the papers folder"),
    ("[recipes/missing.yaml]", "included file 'recipes/missing.yaml' does not exist"),
    ("[recipes/a.yaml]", "include cycle: papers/demo.yaml -> papers/recipes/a.yaml -> papers/recipes/b.yaml -> papers/recipes/a.yaml"),
])
func badIncludeIsReported(list: String, message: String) throws {
    let repo = try TempRepo(files: [
        "papers/demo.yaml": minimalSpec.replacingOccurrences(of: "version: 1\n", with: "version: 1\ninclude: \(list)\n"),
        "outside.yaml": "epochs: 3\n",
        "papers/recipes/a.yaml": "include: [recipes/b.yaml]\n",
        "papers/recipes/b.yaml": "include: [recipes/a.yaml]\n",
    ])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["papers/demo.yaml"]).filter(\.isError)
    #expect(issues.contains { $0.message.hasPrefix(message) }, "\(issues)")
}

@Test func variantNullRemovesAnOptionalKey() throws {
    let text = minimalSpec.replacingOccurrences(of: "  smoke: {steps: 100}", with: "  smoke: {steps: 100, augment: {horizontal_flip: null}}")
    let repo = try TempRepo(files: ["papers/demo.yaml": text])
    defer { repo.remove() }
    let spec = try repo.loader.load(paper: "demo")
    #expect(spec.resolved(scale: .full).augment.horizontalFlip == 0.5)
    #expect(spec.resolved(scale: .smoke).augment.horizontalFlip == nil)
    #expect(spec.resolved(scale: .smoke).augment.randomResizedCrop?.size == 28)   // siblings survive the merge
}

@Test func variantReplacesListsWholesale() throws {
    let text = minimalSpec.replacingOccurrences(of: "  smoke: {steps: 100}", with: """
      smoke:
        methods:
          - {id: align-uniform, label: "au", loss: {name: align-uniform}}
          - {id: contrastive, label: "c", loss: {name: nt-xent, temperature: 0.2}}
    """)
    let repo = try TempRepo(files: ["papers/demo.yaml": text])
    defer { repo.remove() }
    let spec = try repo.loader.load(paper: "demo")
    let smoke = spec.resolved(scale: .smoke)
    #expect(smoke.methods.map(\.id) == ["align-uniform", "contrastive"])
    #expect(smoke.method("contrastive")?.loss.parameters == ["temperature": 0.2])
    #expect(spec.resolved(scale: .full).method("contrastive")?.loss.parameters == ["temperature": 0.5])
}

@Test func claimsAreFilteredByScale() throws {
    let text = minimalSpec.replacingOccurrences(of: "quote: \"q\"}", with: "quote: \"q\", scales: [full]}")
    let repo = try TempRepo(files: ["papers/demo.yaml": text])
    defer { repo.remove() }
    let spec = try repo.loader.load(paper: "demo")
    #expect(spec.resolved(scale: .smoke).claims.map(\.id) == ["sanity.finite"])
    #expect(spec.resolved(scale: .full).claims.map(\.id) == ["sanity.finite", "au-beats-c"])
    #expect(spec.resolved(scale: .full).claims[1].margin == 0)
}

@Test func formerlyPendingLossValidatesAgainstTheRegistry() throws {
    // manifold-clr was pending (a warning); registered now, it validates cleanly and its names are the registry's.
    let text = minimalSpec.replacingOccurrences(of: "{name: nt-xent, temperature: 0.5}", with: "{name: manifold-clr, temperature: 0.5, samples: 20}")
    let repo = try TempRepo(files: ["papers/demo.yaml": text])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["papers/demo.yaml"])
    #expect(issues.filter(\.isError).isEmpty)
    #expect(!issues.contains { $0.message.contains("not implemented yet") })
    let typo = text.replacingOccurrences(of: "samples: 20", with: "sampels: 20")
    try repo.write("papers/demo.yaml", typo)
    #expect(repo.loader.validate(paths: ["papers/demo.yaml"]).contains { $0.isError && $0.message.hasPrefix("unknown key 'sampels' (did you mean 'samples'?)") })
}

@Test func registeredLossUsesTheRegistryRanges() throws {
    // `align-uniform` is registered in Contrastive.LossRegistry with alpha in [0.01, 16].
    let text = minimalSpec.replacingOccurrences(of: "alpha: 2,", with: "alpha: 20,")
    let repo = try TempRepo(files: ["papers/demo.yaml": text])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["papers/demo.yaml"]).filter(\.isError)
    #expect(issues.map(\.description) == ["papers/demo.yaml:36:76: methods[1].loss.alpha: must be in [0.01, 16], found 20"])
}

@Test func fileOutsideTheSpecFoldersIsRejected() throws {
    let repo = try TempRepo(files: ["notes/demo.yaml": minimalSpec])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["notes/demo.yaml"])
    #expect(issues.count == 1 && issues[0].message.hasPrefix("not a spec location"))
}

@Test func conditionsExpandIntoTrialsOfEveryMethod() throws {
    let spec = minimalSpec.replacingOccurrences(of: "claims:\n", with: """
        conditions:
          - {id: balanced, data: {imbalance: none}}
          - {id: skewed, data: {imbalance: cacr-cifar10}}
        claims:
          - {id: robust, kind: interaction, method: align-uniform, baseline: contrastive, metric: retrieval.top1,
             from: balanced, to: skewed, quote: "q"}

        """)
    let repo = try TempRepo(files: ["papers/demo.yaml": spec])
    defer { repo.remove() }
    let recipe = try repo.loader.load(paper: "demo").resolved(scale: .smoke)
    #expect(recipe.conditions.map(\.id) == ["balanced", "skewed"])
    let configs = recipe.trialConfigs(seeds: 2)
    #expect(configs.count == 2 * 2 * 2)
    #expect(Set(configs.map(\.method.id)) == ["contrastive", "align-uniform", "contrastive@skewed", "align-uniform@skewed"])
    #expect(configs.filter { $0.method.id.hasSuffix("@skewed") }.allSatisfy { $0.data.imbalance == "cacr-cifar10" })
    #expect(configs.filter { !$0.method.id.contains("@") }.allSatisfy { $0.data.imbalance == "none" })
    let rules = ClaimBuilder.rules(recipe: recipe, expected: nil)
    #expect(rules.first { $0.id == "robust" }?.check == .interaction(methodFrom: "align-uniform", methodTo: "align-uniform@skewed",
                                              baselineFrom: "contrastive", baselineTo: "contrastive@skewed", margin: 0))
    // A typo in a condition name is an error at its line with a suggestion.
    let bad = try TempRepo(files: ["papers/demo.yaml": spec.replacingOccurrences(of: "to: skewed", with: "to: skewd")])
    defer { bad.remove() }
    let issues = bad.loader.validate(paths: ["papers/demo.yaml"]).filter(\.isError)
    #expect(issues.contains { $0.keyPath == "claims[0].to" && $0.message.contains("did you mean 'skewed'?") }, "\(issues)")
}

@Test func aSweepExpandsIntoOneMethodPerValue() throws {
    let spec = minimalSpec.replacingOccurrences(of: "    loss: {name: nt-xent, temperature: 0.5}\n", with: """
            loss: {name: nt-xent, temperature: 0.5}
            sweep: {parameter: temperature, values: [0.1, 0.25, 1]}

        """).replacingOccurrences(of: "worse: contrastive,", with: "worse: contrastive-temperature-0p25,")
    let repo = try TempRepo(files: ["papers/demo.yaml": spec])
    defer { repo.remove() }
    let recipe = try repo.loader.load(paper: "demo").resolved(scale: .smoke)
    #expect(recipe.methods.map(\.id) == ["contrastive-temperature-0p1", "contrastive-temperature-0p25",
                                         "contrastive-temperature-1", "align-uniform"])
    #expect(recipe.methods.prefix(3).map { $0.loss.parameters["temperature"] } == [0.1, 0.25, 1])
    #expect(recipe.methods.allSatisfy { $0.sweep == nil })
    // A value outside the loss's range is an error at the value's line.
    let bad = try TempRepo(files: ["papers/demo.yaml": spec.replacingOccurrences(of: "values: [0.1, 0.25, 1]", with: "values: [0.1, -2]")])
    defer { bad.remove() }
    let issues = bad.loader.validate(paths: ["papers/demo.yaml"]).filter(\.isError)
    #expect(issues.contains { $0.keyPath == "methods[0].loss.temperature" && $0.line == 34 }, "\(issues)")
    let typo = try TempRepo(files: ["papers/demo.yaml": spec.replacingOccurrences(of: "parameter: temperature", with: "parameter: temprature")])
    defer { typo.remove() }
    let typoIssues = typo.loader.validate(paths: ["papers/demo.yaml"]).filter(\.isError)
    #expect(typoIssues.contains { $0.message.contains("did you mean 'temperature'?") }, "\(typoIssues)")
}

@Test func anOptimizerSweepGivesEachMethodItsOwnRate() throws {
    let spec = minimalSpec.replacingOccurrences(of: "    loss: {name: nt-xent, temperature: 0.5}\n", with: """
            loss: {name: nt-xent, temperature: 0.5}
            sweep: {parameter: optimizer.lr, values: [0.05, 0.5]}

        """).replacingOccurrences(of: "worse: contrastive,", with: "worse: contrastive-optimizer-lr-0p05,")
        .replacingOccurrences(of: "    loss: {name: align-uniform,", with: "    optimizer: {weight_decay: 0}\n    loss: {name: align-uniform,")
    let repo = try TempRepo(files: ["papers/demo.yaml": spec])
    defer { repo.remove() }
    let recipe = try repo.loader.load(paper: "demo").resolved(scale: .smoke)
    #expect(recipe.methods.map(\.id) == ["contrastive-optimizer-lr-0p05", "contrastive-optimizer-lr-0p5", "align-uniform"])
    // Each trial trains with its method's rate and the recipe's other settings; a method without one keeps the recipe's.
    let configs = recipe.methods.map { TrialConfig(recipe: recipe, method: $0, seed: 0) }
    #expect(configs.map(\.trainingOptimizer.lr) == [0.05, 0.5, 0.12])
    #expect(configs.map(\.trainingOptimizer.momentum) == [0.9, 0.9, 0.9])
    #expect(configs.map(\.trainingOptimizer.weightDecay) == [5.0e-4, 5.0e-4, 0])
    #expect(Set(configs.map(\.hash)).count == 3)
    // The recipe written back as YAML keeps each method's rate.
    #expect(recipe.yamlText().contains("    optimizer:\n      lr: 0.05\n"), "\(recipe.yamlText())")

    func errors(_ from: String, _ to: String) throws -> [SpecIssue] {
        let bad = try TempRepo(files: ["papers/demo.yaml": spec.replacingOccurrences(of: from, with: to)])
        defer { bad.remove() }
        return bad.loader.validate(paths: ["papers/demo.yaml"]).filter(\.isError)
    }
    let typo = try errors("parameter: optimizer.lr", "parameter: optimizer.rl")
    #expect(typo.contains { $0.keyPath == "methods[0].sweep.parameter" && $0.message.contains("did you mean 'optimizer.lr'?") }, "\(typo)")
    let negative = try errors("values: [0.05, 0.5]", "values: [0.05, -0.5]")
    #expect(negative.contains { $0.keyPath == "methods[0].sweep.values[1]" && $0.line == 34 && $0.message.contains("> 0") }, "\(negative)")
    let notSGD = try errors("parameter: optimizer.lr", "parameter: optimizer.eps")
    #expect(notSGD.contains { $0.keyPath == "methods[0].sweep.parameter" && $0.message.contains("applies to adam/adamw") }, "\(notSGD)")
    let unknownKey = try errors("optimizer: {weight_decay: 0}", "optimizer: {betas: 0}")
    #expect(unknownKey.contains { $0.keyPath == "methods[1].optimizer.betas" }, "\(unknownKey)")
}
