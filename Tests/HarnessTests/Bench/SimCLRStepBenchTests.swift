import Testing
import Engine
@testable import Harness

@Test func w1AssemblesTheReferenceModelAndTrains() throws {
    let w = try #require(BenchWorkload.w1.simclr).with(batchPerView: 8)
    let bench = try #require(SimCLRStepBench(w))
    #expect(bench.parameterCount == w.parameters)  // 117,792, as the torch reference
    let first = bench.step()
    var last = first
    for _ in 0..<5 { last = bench.step() }
    #expect(first.isFinite && last < first)  // same input every step: SGD must lower the loss
}

@Test func missingBackboneIsReportedNotRun() throws {
    var w = try #require(BenchWorkload.w1.simclr)
    w.backbone = "no-such-net"
    #expect(SimCLRStepBench(w) == nil)
    var options = BenchRunner.Options(threads: 1)
    options.measurements = 1
    if case .unavailable(let id, let reason) = BenchRunner(options: options).runSimCLR("WX", w) {
        #expect(id == "WX" && reason == "model no-such-net not available yet")
        #expect(BenchResult.unavailable(workload: id, reason: reason).text == "WX: model no-such-net not available yet")
    } else {
        Issue.record("expected .unavailable")
    }
}

@Test func profileSplitsTheStepByPhaseAndOp() throws {
    // The process's own thread setting: `run` applies it globally, and the tests alongside (bit-identical
    // resume checks) would see their summation order change mid-run under another one.
    var options = BenchRunner.Options(threads: 2)
    options.batchPerView = 4; options.measurements = 1; options.profile = true
    let result = BenchRunner(options: options).run(.w1)
    guard case .simclr(let r) = result else { Issue.record("W1 did not run"); return }
    let p = try #require(r.profile)
    #expect(abs(p.phases.reduce(0) { $0 + $1.share } - 1) < 0.05)
    #expect(p.ops.contains { $0.name.hasPrefix("conv fwd") && $0.secondsPerStep > 0 && $0.gflops != nil })
    #expect(result.json.contains("\"workload\":\"W1\"") && result.text.contains("by op kind"))
}

@Test("each workload's model has the reference model's parameter count", arguments: [BenchWorkload.w1, .w2, .w3])
func benchModelMatchesTheReference(w: BenchWorkload) throws {
    let s = try #require(w.simclr)
    let bench = try #require(SimCLRStepBench(s))
    #expect(bench.parameterCount == s.parameters)  // W2: the CIFAR stem (an ImageNet stem has 7,680 more)
}

@Test("the profile shows each conv geometry's path and, on oneDNN, the reorders' share", arguments: [ConvPath.im2col, .onednn])
func profileNamesTheConvPath(path: ConvPath) throws {
    var options = BenchRunner.Options(threads: 2)
    options.batchPerView = 4; options.measurements = 1; options.profile = true; options.convPath = path
    let result = BenchRunner(options: options).run(.w1)
    guard case .simclr(let r) = result else { Issue.record("W1 did not run"); return }
    let paths = try #require(r.convPaths)
    #expect(!paths.isEmpty && paths.allSatisfy { $0.path == path.rawValue })
    #expect(r.convPath == path.rawValue && r.determinism?.contains(path == .im2col ? "conv im2col" : "conv oneDNN") == true)
    let p = try #require(r.profile)
    let oneDNNKinds = p.ops.filter { $0.name.contains("oneDNN") }
    #expect(path == .onednn ? oneDNNKinds.count == 4 && (p.convReorderShare ?? 0) > 0 : oneDNNKinds.isEmpty)
    #expect(result.text.contains("conv path    \(path.rawValue)") && result.json.contains("\"convPaths\""))
}
