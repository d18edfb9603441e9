import Foundation
import Testing
@testable import Harness

/// Every value a resolved spec hands a trial is either part of the trial key (changing it trains again) or listed as
/// presentation text (changing it must not). The leaf keys come from the configs of every committed paper and
/// scale, so a key added to the schema without an entry here fails `everyConfigKeyIsCovered`.
@Suite struct TrialKeyTests {
    /// Leaf key paths of a value, `[]` for list elements (`evaluation[].k`); nil optionals count as leaves.
    static func leaves(_ value: Any, _ prefix: String = "") -> Set<String> {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let inner = mirror.children.first?.value else { return [prefix] }
            return leaves(inner, prefix)
        }
        switch mirror.displayStyle {
        case .struct, .class:
            guard !mirror.children.isEmpty else { return [prefix] }
            return mirror.children.reduce(into: Set<String>()) { out, child in
                out.formUnion(leaves(child.value, prefix.isEmpty ? child.label! : prefix + "." + child.label!))
            }
        case .collection:
            let elements = mirror.children.map { leaves($0.value, prefix + "[]") }
            return elements.reduce(into: Set<String>()) { $0.formUnion($1) }.union(elements.isEmpty ? [prefix + "[]"] : [])
        default:
            return [prefix]   // numbers, strings, enums, dictionaries (a loss's parameters)
        }
    }

    static func allRepositoryConfigs() throws -> [TrialConfig] {
        let loader = SpecLoader(root: repositoryRoot)
        var out: [TrialConfig] = []
        for id in loader.allPaperIDs() {
            let spec = try loader.load(paper: id)
            for scale in spec.scales {
                let recipe = spec.resolved(scale: scale)
                out += recipe.methods.map { TrialConfig(recipe: recipe, method: $0, seed: 0) }
            }
        }
        return out
    }

    typealias Change = @Sendable (inout TrialConfig) -> Void

    /// One change per key that trains or evaluates differently. Optional keys are set or changed.
    static let trainingKeys: [String: Change] = [
        "engineVersion": { $0.engineVersion += 1 },
        "paper": { $0.paper += "-x" },
        "scale": { $0.scale = $0.scale == .smoke ? .reduced : .smoke },
        "seed": { $0.seed += 1 },
        "epochs": { $0.epochs += 1 },
        "steps": { $0.steps = ($0.steps ?? 10) + 1 },
        "batchSize": { $0.batchSize += 1 },
        "baselineEvaluations[]": { $0.baselineEvaluations.append("x") },
        "data.dataset": { $0.data.dataset = "cifar10" },
        "data.trainSplit": { $0.data.trainSplit += "+x" },
        "data.evalTrainSplit": { $0.data.evalTrainSplit += "+x" },
        "data.evalTestSplit": { $0.data.evalTestSplit += "+x" },
        "data.imageSize": { $0.data.imageSize += 1 },
        "data.imbalance": { $0.data.imbalance = "cacr-cifar10" },
        "data.trainSubset": { $0.data.trainSubset = ($0.data.trainSubset ?? 100) + 1 },
        "model.backbone": { $0.model.backbone = "resnet18" },
        "model.stem": { $0.model.stem = $0.model.stem == "cifar" ? "imagenet" : "cifar" },
        "model.outputDim": { $0.model.outputDim = ($0.model.outputDim ?? 64) + 1 },
        "model.projector.hidden[]": { $0.model.projector?.hidden.append(7) },
        "model.projector.output": { $0.model.projector?.output += 1 },
        "model.projector.batchNorm": { let v = $0.model.projector?.batchNorm ?? true; $0.model.projector?.batchNorm = !v },
        "model.projector.lastBias": { let v = $0.model.projector?.lastBias ?? true; $0.model.projector?.lastBias = !v },
        "method.id": { $0.method.id += "-x" },
        "method.loss.name": { $0.method.loss.name += "-x" },
        "method.loss.parameters": { $0.method.loss.parameters["temperature", default: 0.5] += 0.1 },
        "method.views": { $0.method.views += 1 },
        "method.momentumEncoder.momentum": { $0.method.momentumEncoder = .init(momentum: ($0.method.momentumEncoder?.momentum ?? 0.9) / 2, shuffleBN: $0.method.momentumEncoder?.shuffleBN) },
        "method.momentumEncoder.shuffleBN": { $0.method.momentumEncoder = .init(momentum: $0.method.momentumEncoder?.momentum ?? 0.9, shuffleBN: !($0.method.momentumEncoder?.shuffleBN ?? false)) },
        "method.queue.size": { $0.method.queue = .init(size: ($0.method.queue?.size ?? 64) + 1) },
        "method.memoryBank.size": { $0.method.memoryBank = .init(size: ($0.method.memoryBank?.size ?? 64) + 1, momentum: $0.method.memoryBank?.momentum ?? 0, negatives: $0.method.memoryBank?.negatives) },
        "method.memoryBank.momentum": { $0.method.memoryBank = .init(size: $0.method.memoryBank?.size, momentum: ($0.method.memoryBank?.momentum ?? 0) + 0.5, negatives: $0.method.memoryBank?.negatives) },
        "method.memoryBank.negatives": { $0.method.memoryBank = .init(size: $0.method.memoryBank?.size, momentum: $0.method.memoryBank?.momentum ?? 0, negatives: ($0.method.memoryBank?.negatives ?? 16) + 1) },
        "method.useProjector": { $0.method.useProjector.toggle() },
        "method.sweep": { $0.method.sweep = MethodSweep(parameter: "temperature", values: [0.1, 0.2]) },
        "method.optimizer": { $0.method.optimizer = OptimizerOverride(["lr": ($0.method.optimizer?.values["lr"] ?? 0.1) * 2]) },
        "threads": { $0.threads = EngineThreads(workers: ($0.threads?.workers ?? 1) + 1, blasThreads: $0.threads?.blasThreads ?? 1) },
    ]

    static let presentation: [String: Change] = [
        "method.label": { $0.method.label += " (fixed typo)" },
        "evaluation[].note": { $0.evaluation[0].note = ($0.evaluation[0].note ?? "") + " (reworded)" },
    ]

    /// Keys below `augment`, `optimizer`, `schedule` and `evaluation[]` are many and uniform: each is changed by
    /// re-encoding the config with that JSON field altered (numbers + 1, booleans flipped, strings suffixed, null
    /// set to 1), which is what a spec edit of that key does to the resolved config.
    static let jsonWalkedPrefixes = ["augment", "optimizer", "schedule", "evaluation[]"]

    static func base() throws -> TrialConfig {
        let recipe = try SpecLoader(root: repositoryRoot).load(paper: "align-uniform").resolved(scale: .smoke)
        return TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 0)
    }

    @Test func everyConfigKeyIsCovered() throws {
        let seen = try Self.allRepositoryConfigs().reduce(into: Set<String>()) { $0.formUnion(Self.leaves($1)) }
        let covered = Set(Self.trainingKeys.keys).union(Self.presentation.keys)
        // A nil optional group (`method.queue`) is a leaf of the mirror; its fields are covered one by one.
        let uncovered = seen.filter { k in
            !covered.contains(k) && !Self.jsonWalkedPrefixes.contains { k.hasPrefix($0 + ".") }
                && !covered.contains { $0.hasPrefix(k + ".") }
        }
        #expect(uncovered.isEmpty, "keys with no entry in TrialKeyTests: \(uncovered.sorted())")
        #expect(Set(TrialConfig.presentationKeys) == ["methods[].label", "evaluation[].note"])
    }

    @Test func everyTrainingKeyChangesTheTrialKey() throws {
        let base = try Self.base()
        for (key, change) in Self.trainingKeys {
            var c = base
            change(&c)
            #expect(c != base, "\(key): the change did not change the config")
            #expect(c.hash != base.hash, "\(key) changes the config but not the trial key")
        }
    }

    /// What the engine builds from a config: parameters (names, shapes), the loss and the training method with
    /// their settings, and the augmentation pipeline.
    static func plan(_ c: TrialConfig) throws -> String {
        let p = try TrialPlan(c, channels: 1)
        let layout = p.network.layout.parameters.map { "\($0.name)\($0.shape)" }.joined(separator: ",")
        return "\(layout)|\(p.loss)|\(describe(p.method))|\(p.pipeline)|\(try p.settings(steps: 10, stepsPerEpoch: 5))"
    }

    /// A value with the stored properties of the objects it holds (a method's momentum encoder and its settings).
    static func describe(_ v: Any, depth: Int = 3) -> String {
        let m = Mirror(reflecting: v)
        guard m.displayStyle == .class, depth > 0 else { return "\(v)" }
        return "\(type(of: v))(" + m.children.map { "\($0.label ?? ""): \(describe($0.value, depth: depth - 1))" }
            .joined(separator: ", ") + ")"
    }

    @Test func everyModelAndMethodKeyChangesWhatTrainsOrIsRefused() throws {
        // Each model and method key, changed, builds another engine plan, or is refused before training (a
        // component the loss does not use, a loss name the registry does not have).
        let base = try Self.base()
        let before = try Self.plan(base)
        for (key, change) in Self.trainingKeys where key.hasPrefix("model.") || (key.hasPrefix("method.") && key != "method.id") {
            var c = base
            change(&c)
            // The base recipe trains a projector-free-capable convnet; components need a method that has them.
            if key.hasPrefix("method.momentumEncoder") || key.hasPrefix("method.queue") || key.hasPrefix("method.memoryBank") {
                continue   // checked on the MoCo and memory-bank methods below
            }
            if let after = try? Self.plan(c) {
                #expect(after != before, "\(key) validates and changes the config, yet the engine builds the same plan")
            }
        }
        // Components: on ring's MoCo and memory-bank methods (full scale builds, nothing trains here).
        let ring = try SpecLoader(root: repositoryRoot).load(paper: "ring").resolved(scale: .smoke)
        for m in ring.methods where m.queue != nil || m.memoryBank != nil {
            var small = ring
            small.data.trainSubset = nil
            let config = TrialConfig(recipe: small, method: m, seed: 0)
            let before = try Self.plan(config)
            for (key, change) in Self.trainingKeys where key.hasPrefix(m.queue != nil ? "method.momentumEncoder" : "method.memoryBank")
                || (m.queue != nil && key.hasPrefix("method.queue")) {
                var c = config
                change(&c)
                if let after = try? Self.plan(c) { #expect(after != before, "\(key) of \(m.id) builds the same plan") }
            }
        }
    }

    @Test func presentationTextIsNotPartOfTheTrialKey() throws {
        let base = try Self.base()
        try #require(base.evaluation.count > 0)
        for (key, change) in Self.presentation {
            var c = base
            change(&c)
            #expect(c.canonicalJSON != base.canonicalJSON, "\(key): the config file keeps presentation text")
            #expect(c.hash == base.hash, "fixing \(key) would retrain")
        }
    }

    @Test func everyAugmentOptimizerScheduleAndEvaluationFieldChangesTheTrialKey() throws {
        // Walk the JSON of a config that sets most optional fields, change each leaf below the walked prefixes.
        var checked = 0
        for config in try Self.allRepositoryConfigs().prefix(40) {
            let json = try JSONSerialization.jsonObject(with: config.canonicalJSON) as! [String: Any]
            for top in ["augment", "optimizer", "schedule", "evaluation"] {
                for path in Self.jsonLeaves(json[top] as Any, [top]) where path.last != "note" {
                    var changed = json
                    changed = Self.changing(changed, at: path) as! [String: Any]
                    let data = try JSONSerialization.data(withJSONObject: changed, options: [.sortedKeys])
                    guard let c = try? JSONDecoder().decode(TrialConfig.self, from: data) else { continue }
                    #expect(c.hash != config.hash, "\(path.joined(separator: ".")) does not reach the trial key")
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
    }

    static func jsonLeaves(_ v: Any, _ path: [String]) -> [[String]] {
        if let d = v as? [String: Any] { return d.flatMap { jsonLeaves($0.value, path + [$0.key]) } }
        if let a = v as? [Any] { return a.indices.flatMap { jsonLeaves(a[$0], path + [String($0)]) } }
        return [path]
    }

    static func changing(_ v: Any, at path: [String]) -> Any {
        guard let head = path.first else {
            if type(of: v) == Bool.self, let b = v as? Bool { return !b }
            if let n = v as? Int { return n + 1 }
            if let n = v as? Double { return n + 1 }
            if let s = v as? String { return s + "x" }
            return 1
        }
        if var d = v as? [String: Any] { d[head] = changing(d[head] as Any, at: Array(path.dropFirst())); return d }
        if var a = v as? [Any], let i = Int(head) { a[i] = changing(a[i], at: Array(path.dropFirst())); return a }
        return v
    }
}
