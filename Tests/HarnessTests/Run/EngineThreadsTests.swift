import Testing
import Foundation
import Engine
@testable import Harness

@Test func aTrialsThreadCountsAreInItsKey() throws {
    let root = try TinyPaper.make(steps: 2)
    defer { try? FileManager.default.removeItem(at: root) }
    let recipe = try SpecLoader(root: root).load(paper: "tiny").resolved(scale: .smoke)
    let method = recipe.methods[0]
    let one = TrialConfig(recipe: recipe, method: method, seed: 1, threads: EngineThreads(workers: 1, blasThreads: 1))
    let two = TrialConfig(recipe: recipe, method: method, seed: 1, threads: EngineThreads(workers: 2, blasThreads: 1))
    let blas = TrialConfig(recipe: recipe, method: method, seed: 1, threads: EngineThreads(workers: 1, blasThreads: 2))
    #expect(Set([one.hash, two.hash, blas.hash]).count == 3)
    // A config written before threads were recorded keeps its key (and runs on this host's threads).
    let old = TrialConfig(recipe: recipe, method: method, seed: 1)
    #expect(!String(decoding: old.canonicalJSON, as: UTF8.self).contains("threads"))
    #expect(EngineThreads.host(HostResources(affinityCPUs: 3)) == EngineThreads(workers: 3, blasThreads: 3))
    #expect(EngineThreads(workers: 3, blasThreads: 2).context().workers.count == 3)
}

@Test func theSameTrialOnTheSameThreadsGivesTheSameBits() throws {
    let root = try TinyPaper.make(steps: 3)
    defer { try? FileManager.default.removeItem(at: root) }
    let recipe = try SpecLoader(root: root).load(paper: "tiny").resolved(scale: .smoke)
    let config = TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 1,
                             threads: EngineThreads(workers: 2, blasThreads: 2))
    func run() throws -> Data {
        var runner = TrialRunner(data: DataCatalog(explicitRoot: nil))
        runner.baselines = BaselineCache()
        return try resultBytes(runner.run(config))
    }
    #expect(try run() == run())
}

@Test func aTrialsConvPathIsInItsKeyAndReachesItsContext() throws {
    let root = try TinyPaper.make(steps: 2)
    defer { try? FileManager.default.removeItem(at: root) }
    let recipe = try SpecLoader(root: root).load(paper: "tiny").resolved(scale: .smoke)
    let method = recipe.methods[0]
    func config(_ path: ConvPath) -> TrialConfig {
        TrialConfig(recipe: recipe, method: method, seed: 1, threads: EngineThreads(workers: 2, blasThreads: 2, convPath: path))
    }
    // im2col keeps the keys of configs written before the path was recorded; oneDNN and measured round otherwise.
    #expect(!String(decoding: config(.im2col).canonicalJSON, as: UTF8.self).contains("convPath"))
    #expect(Set(ConvPath.allCases.map { config($0).hash }).count == ConvPath.allCases.count)
    for path in ConvPath.allCases {
        #expect(config(path).threads?.context().conv.path == path)
        #expect(Environment.engine(config(path).threads!)["conv.path"]?.hasPrefix(path.rawValue) == true)
        #expect(Environment.engine(config(path).threads!)["determinism"]?.contains("conv path (\(path.rawValue))") == true)
        #expect(Environment.engine(config(path).threads!)["determinism"]?.contains("products' path (\(path.rawValue))") == true)
    }
    // The probe's products take the conv path; a config recorded before they had one (oneDNN convs, OpenBLAS
    // products) keeps its own key and its own context.
    for path in ConvPath.allCases {
        #expect(config(path).threads?.context().matmul.path == path)
        #expect(config(path).threads?.productPath == config(path).threads?.convPath)
    }
    var older = config(.measured)
    older.threads?.productPath = nil
    #expect(older.hash != config(.measured).hash)
    #expect(older.threads?.context().matmul.path == .im2col && older.threads?.context().conv.path == .measured)
    #expect(Environment.engine(older.threads!)["probe.products"] == "OpenBLAS")
    // A hand-written config naming no known path is refused before it trains.
    var bad = config(.onednn)
    bad.threads?.convPath = "winograd"
    #expect(throws: RecipeUnsupported.self) { _ = try TrialPlan(bad, channels: 1) }
    bad = config(.onednn)
    bad.threads?.productPath = "mkl"
    #expect(throws: RecipeUnsupported.self) { _ = try TrialPlan(bad, channels: 1) }
    bad = config(.onednn)
    bad.threads?.activationLayout = "nhwc"
    #expect(throws: RecipeUnsupported.self) { _ = try TrialPlan(bad, channels: 1) }
}

@Test func aTrialsActivationLayoutIsInItsKeyAndReachesItsContext() throws {
    let root = try TinyPaper.make(steps: 2)
    defer { try? FileManager.default.removeItem(at: root) }
    let recipe = try SpecLoader(root: root).load(paper: "tiny").resolved(scale: .smoke)
    func config(_ path: ConvPath, blocked: Bool = false) -> TrialConfig {
        TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 1,
                    threads: EngineThreads(workers: 2, blasThreads: 2, convPath: path, blockedLayout: blocked))
    }
    // im2col never blocks, so its key stays as before; on oneDNN a blocked layout is recorded and reaches the context.
    #expect(config(.im2col, blocked: true).threads?.activationLayout == nil && config(.im2col).hash == config(.im2col, blocked: true).hash)
    let blocked = config(.onednn, blocked: true)
    #expect(blocked.threads?.activationLayout == "blocked" && blocked.threads?.context().blockedLayout == true)
    #expect(blocked.hash != config(.onednn).hash)
    // CNHW, the default, records nothing: oneDNN trials recorded before the field keep their keys.
    #expect(config(.onednn).threads?.activationLayout == nil && config(.onednn).threads?.context().blockedLayout == false)
    #expect(!String(decoding: config(.onednn).canonicalJSON, as: UTF8.self).contains("activationLayout"))
    #expect(Environment.engine(blocked.threads!)["determinism"]?.contains("channel-blocked") == true)
    #expect(Environment.engine(config(.onednn).threads!)["determinism"]?.contains("channel-blocked") == false)
}

@Test func aOneDNNTrialRepeatsItsBitsAndStaysCloseToIm2col() throws {
    let root = try TinyPaper.make(steps: 3)
    defer { try? FileManager.default.removeItem(at: root) }
    let recipe = try SpecLoader(root: root).load(paper: "tiny").resolved(scale: .smoke)
    func run(_ path: ConvPath) throws -> TrialResult {
        var runner = TrialRunner(data: DataCatalog(explicitRoot: nil))
        runner.baselines = BaselineCache()
        return try runner.run(TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 1,
                                          threads: EngineThreads(workers: 2, blasThreads: 2, convPath: path)))
    }
    let a = try run(.onednn), b = try run(.onednn), reference = try run(.im2col)
    #expect(try resultBytes(a) == resultBytes(b))
    let loss = try #require(a.metrics["loss"]), referenceLoss = try #require(reference.metrics["loss"])
    #expect(abs(loss - referenceLoss) <= 1e-3 * max(1, abs(referenceLoss)), "\(loss) vs \(referenceLoss)")
}
