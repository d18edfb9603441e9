import Contrastive
import Engine
import Testing

struct LossRegistryTests {
    @Test func registersTheAlignUniformPaperLosses() {
        for name in ["nt-xent", "align-uniform", "contrastive-uniform", "moco", "instance-discrimination", "ring"] {
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
        let (x, y) = randomViews(n: 6, d: 4, seed: 51)
        x.requiresGrad = true
        let tape = Tape()
        // Batch losses ignore the memory fields; the memory losses (moco, instance-discrimination, ring) need them.
        let input = LossInput(views: [x, y], indices: Array(0..<6), negatives: unitRows(20, 4, seed: 52),
                              draws: randomDraws(6, 5, seed: 53))
        let value = loss(input, tape: tape)
        #expect(value.item.isFinite)
        tape.backward(from: value)
        #expect(x.gradArray.contains { $0 != 0 } && x.gradArray.allSatisfy(\.isFinite))
    }

    @Test func defaultsAreThePapersDefaults() throws {
        let ntXent = try #require(LossRegistry.entry(named: "nt-xent")).resolve([:]).get()
        #expect(ntXent == ["temperature": 0.5])
        let au = try #require(LossRegistry.entry(named: "align-uniform")).resolve([:]).get()
        #expect(au == ["align_weight": 1, "uniform_weight": 1, "alpha": 2, "t": 2])
        let cu = try #require(LossRegistry.entry(named: "contrastive-uniform")).resolve([:]).get()
        #expect(cu == ["contrastive_weight": 1, "uniform_weight": 1, "temperature": 0.5, "t": 2])
    }

    @Test func rejectsUnknownAndOutOfRangeParameters() throws {
        let entry = try #require(LossRegistry.entry(named: "nt-xent"))
        #expect(entry.resolve(["temperature": 0]) == .failure(.outOfRange(key: "temperature", value: 0, range: 1e-4...100)))
        #expect(entry.resolve(["tau": 0.5]) == .failure(.unknown(key: "tau", known: ["temperature"])))
    }
}
