import Contrastive
import Engine
import Testing

struct LossRegistryTests {
    @Test func registersThePapersLosses() {
        for name in ["nt-xent", "align-uniform", "contrastive-uniform", "kernel-infonce", "cacr", "hard-negative",
                     "moco", "instance-discrimination", "ring"] {
            #expect(LossRegistry.names.contains(name))
        }
        #expect(Set(LossRegistry.names).count == LossRegistry.names.count, "duplicate loss names")
    }

    @Test("every entry builds from its defaults and gives a finite loss with a gradient",
          arguments: LossRegistry.names)
    func buildsFromDefaults(name: String) throws {
        let entry = try #require(LossRegistry.entry(named: name))
        #expect(!entry.paper.isEmpty && !entry.summary.isEmpty)
        for p in entry.parameters { #expect(p.range.contains(p.defaultValue), "\(name).\(p.name) default outside its range") }
        let loss = entry.make(try entry.resolve([:]).get())
        // Width 16 suits every loss (manifold-clr splits features into 8 blocks of even width).
        let views = randomViewList(n: 6, d: 16, count: loss.viewCount, seed: 51)
        let x = views[0]
        x.requiresGrad = true
        let tape = Tape()
        // Batch losses ignore the memory fields; the memory losses (moco, instance-discrimination, ring) need them.
        let input = LossInput(views: views, indices: Array(0..<6), negatives: unitRows(20, 16, seed: 52),
                              draws: randomDraws(6, 5, seed: 53))
        // A shape the loss rejects would trap inside it; fail the test case instead.
        let problem = loss.inputProblem(input)
        try #require(problem == nil, "\(name): \(problem ?? "")")
        let value = loss(input, tape: tape)
        #expect(value.item.isFinite)
        tape.backward(from: value)
        #expect(x.gradArray.contains { $0 != 0 } && x.gradArray.allSatisfy(\.isFinite))
    }

    @Test("an entry's declared view count is the built loss's, at its defaults and at every whole value of its integer parameters",
          arguments: LossRegistry.names)
    func declaredViewsMatchTheLoss(name: String) throws {
        let entry = try #require(LossRegistry.entry(named: name))
        var settings = [try entry.resolve([:]).get()]
        for p in entry.parameters where p.integer {
            for v in stride(from: p.range.lowerBound, through: min(p.range.upperBound, p.range.lowerBound + 4), by: 1) {
                settings.append(try entry.resolve([p.name: v]).get())
            }
        }
        for s in settings { #expect(entry.views(s) == entry.make(s).viewCount, "\(name) \(s)") }
    }

    @Test("every declared parameter reaches the built loss", arguments: LossRegistry.names)
    func everyParameterReachesTheLoss(name: String) throws {
        let entry = try #require(LossRegistry.entry(named: name))
        // Switches (0...1, off by default) are on while another parameter changes: ring's max_anneal_epoch acts only with
        // linear_anneal on.
        let switches = entry.parameters.filter { $0.range == 0...1 && $0.defaultValue == 0 }.map(\.name)
        for p in entry.parameters {
            let base = Dictionary(uniqueKeysWithValues: switches.filter { $0 != p.name }.map { ($0, 1.0) })
            let before = String(describing: entry.make(try entry.resolve(base).get()))
            // Another value in range: the upper bound, or the lower one when the default sits on the upper.
            let other = p.defaultValue == p.range.upperBound ? p.range.lowerBound : p.range.upperBound
            let changed = try entry.resolve(base.merging([p.name: p.integer ? other.rounded(.down) : other]) { $1 }).get()
            #expect(String(describing: entry.make(changed)) != before, "\(name).\(p.name) does not reach the loss")
        }
    }

    @Test func memoryLossesDeclareTheirComponents() {
        let declared = Dictionary(uniqueKeysWithValues: LossRegistry.entries.map { ($0.name, $0.components) })
        #expect(declared["moco"] == .momentumQueue)
        #expect(declared["instance-discrimination"] == .memoryBank)
        #expect(declared["ring"] == .momentumQueueOrMemoryBank)
        #expect(declared.filter { $0.value != .batch }.count == 3)
        #expect(LossComponents.momentumQueueOrMemoryBank.accepts(momentum: true, bank: false))
        #expect(LossComponents.momentumQueueOrMemoryBank.accepts(momentum: false, bank: true))
        #expect(!LossComponents.batch.accepts(momentum: false, bank: true))
    }

    @Test func defaultsAreThePapersDefaults() throws {
        let ntXent = try #require(LossRegistry.entry(named: "nt-xent")).resolve([:]).get()
        #expect(ntXent == ["temperature": 0.5])
        let au = try #require(LossRegistry.entry(named: "align-uniform")).resolve([:]).get()
        #expect(au == ["align_weight": 1, "uniform_weight": 1, "alpha": 2, "t": 2])
        let cu = try #require(LossRegistry.entry(named: "contrastive-uniform")).resolve([:]).get()
        #expect(cu == ["contrastive_weight": 1, "uniform_weight": 1, "temperature": 0.5, "t": 2])
        // The official Kernel-InfoNCE code's defaults (simclr_module.py): Gaussian kernel, τ 0.1, λ 1, eps 1e-6.
        let ki = try #require(LossRegistry.entry(named: "kernel-infonce")).resolve([:]).get()
        #expect(ki == ["gamma": 2, "temperature": 0.1, "temperature2": 0.1, "lambda": 1, "mode": 0, "eps": 1e-6])
        // HCL's defaults.
        let hn = try #require(LossRegistry.entry(named: "hard-negative")).resolve([:]).get()
        #expect(hn == ["temperature": 0.5, "tau_plus": 0.1, "beta": 1])
        // CACR's main_ours.py defaults with K = 1; τ⁺ 0 is the default run without --with_debiased.
        let cacr = try #require(LossRegistry.entry(named: "cacr")).resolve([:]).get()
        #expect(cacr == ["positives": 1, "alpha": 1, "beta": 1, "t_pos": 1, "t_neg": 1, "choice": 0, "tau_plus": 0])
    }

    @Test func integerParametersRejectFractions() throws {
        let entry = try #require(LossRegistry.entry(named: "cacr"))
        #expect(entry.resolve(["choice": 1.5]) == .failure(.notInteger(key: "choice", value: 1.5)))
        #expect(entry.resolve(["positives": 4]).map { entry.make($0).viewCount } == .success(5))
    }

    @Test func rejectsUnknownAndOutOfRangeParameters() throws {
        let entry = try #require(LossRegistry.entry(named: "nt-xent"))
        #expect(entry.resolve(["temperature": 0]) == .failure(.outOfRange(key: "temperature", value: 0, range: 1e-4...100)))
        #expect(entry.resolve(["tau": 0.5]) == .failure(.unknown(key: "tau", known: ["temperature"])))
    }
}
