import Foundation
import Engine

/// `replicate plan`: every trial of a scale with its FLOPs, time here and on the paper's hardware, and memory.
public struct CostReport {
    public var recipe: Recipe
    public var seeds: Int
    public var rows: [(method: String, cost: TrialCost)]
    /// Measured sgemm throughput of this machine (GFLOP/s).
    public var sgemmGFLOPS: Double
    /// Per row, the wall times of this run's own trials that a store already holds (same trial key, this
    /// engine version): they are what a run costs here, and a run reuses them instead of training.
    public var measured: [[Double]]

    /// Training reaches about this share of sgemm peak on this engine (measured on the smoke workload, where
    /// convolutions dominate; small layers do worse, so this is an estimate, not a promise).
    public static let engineEfficiency = 0.5

    /// `store`: the history a run would reuse trials from; its trials of this run give measured times.
    /// `convPath`: the run's (in the trial keys the store is searched by).
    public init(recipe: Recipe, seeds: Int? = nil, store: HistoryStore? = nil, convPath: ConvPath = .im2col) throws {
        self.recipe = recipe
        let seeds = seeds ?? recipe.seeds
        self.seeds = seeds
        // One row per trial method: each method under each condition (`<method>@<condition>`). Trial keys carry
        // the host's thread counts, as a run's do, so the store lookups find the trials a run would reuse.
        let configs = recipe.trialConfigs(seeds: seeds, threads: EngineThreads.host(convPath: convPath))
        let perMethod = stride(from: 0, to: configs.count, by: seeds).map { Array(configs[$0..<($0 + seeds)]) }
        rows = try perMethod.map { c in (c[0].method.id, try TrialCost.estimate(c[0])) }
        measured = try perMethod.map { c in
            try c.compactMap { try store?.cachedTrial(configHash: $0.hash)?.wallSeconds }.filter { $0 > 0 }
        }
        sgemmGFLOPS = Self.measureSGEMM()
    }

    /// The median of measured wall times, else nil.
    static func median(_ xs: [Double]) -> Double? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Best of three 1024³ GEMMs after a warm-up, with the engine's thread policy.
    static func measureSGEMM() -> Double {
        let n = 1024
        let a = Tensor(zeros: [n, n]), b = Tensor(zeros: [n, n]), c = Tensor(zeros: [n, n])
        a.fill(1e-3); b.fill(1e-3)
        let blas = BLAS(threads: EngineThreads.host().blasThreads)
        blas.gemm(m: n, n: n, k: n, a: a.data, lda: n, b: b.data, ldb: n, c: c.data, ldc: n)
        var best = Double.infinity
        for _ in 0..<3 {
            let t = Date()
            blas.gemm(m: n, n: n, k: n, a: a.data, lda: n, b: b.data, ldb: n, c: c.data, ldc: n)
            best = min(best, Date().timeIntervalSince(t))
        }
        return 2 * Double(n * n * n) / best / 1e9
    }

    public var text: String {
        let gpu = GPUCatalog.gpu(in: recipe.hardware?.description ?? "")
        let gpus = recipe.hardware?.gpus ?? 1
        let here = sgemmGFLOPS * Self.engineEfficiency * 1e9
        let there = gpu.tflops * 1e12 * GPUCatalog.utilization * Double(gpus)
        var lines = ["\(recipe.id) @ \(recipe.scale.rawValue): \(rows.count) methods × \(seeds) seeds = \(rows.count * seeds) trials",
                     "  data \(recipe.data.dataset) (\(recipe.data.trainSplit)), \(recipe.model.backbone), batch \(recipe.batchSize), "
                        + (recipe.steps.map { "\($0) steps" } ?? "\(recipe.epochs) epochs")]
        lines.append("  this machine: sgemm \(String(format: "%.0f", sgemmGFLOPS)) GFLOP/s, training at ~\(Int(Self.engineEfficiency * 100)) % of it")
        lines.append("  paper hardware: \(gpus) × \(gpu.name) at \(gpu.tflops) TFLOP/s FP32 peak, assumed \(Int(GPUCatalog.utilization * 100)) % utilisation")
        lines.append("")
        lines.append("  method                  MAC/img   GFLOP/step     steps   PFLOP/trial   here/trial   measured   paper hw/trial   memory")
        // A method's measured median stands for its unmeasured seeds too (only the seed differs); the FLOP
        // estimate counts the encoder's GEMMs only, so it is the fallback, not the forecast.
        var totalHere = 0.0, totalThere = 0.0, remaining = 0.0, done = 0
        for ((method, c), times) in zip(rows, measured) {
            let flops = c.totalFLOPs
            let h = flops.map { $0 / here }, p = flops.map { $0 / there }, m = Self.median(times)
            totalHere += (m ?? h ?? .nan) * Double(seeds); totalThere += (p ?? .nan) * Double(seeds)
            remaining += (m ?? h ?? .nan) * Double(seeds - times.count); done += times.count
            lines.append("  " + [pad(method, 20), lpad(Self.si(Double(c.macsPerImage)), 10), lpad(String(format: "%.1f", c.flopsPerStep / 1e9), 12),
                                lpad(c.steps.map(String.init) ?? "?", 9), lpad(flops.map { String(format: "%.3f", $0 / 1e15) } ?? "?", 13),
                                lpad(h.map(Self.duration) ?? "?", 12), lpad(m.map(Self.duration) ?? "-", 10), lpad(p.map(Self.duration) ?? "?", 16),
                                lpad(String(format: "%.1f GB", Double(c.memoryBytes) / 1e9), 9)].joined(separator: " "))
        }
        lines.append("")
        lines.append("  all trials: \(totalHere.isFinite ? Self.duration(totalHere) : "unknown (data set size not fixed)") here"
                     + (done > 0 ? " (measured where the store has trials)" : "") + ", "
                     + "\(totalThere.isFinite ? Self.duration(totalThere) : "unknown") on the paper's hardware")
        if done > 0 {
            lines.append("  the store holds \(done) of \(rows.count * seeds) trials (reused, not retrained): "
                         + "\(remaining.isFinite ? Self.duration(remaining) : "unknown") left to train")
        }
        if let hw = recipe.hardware { lines.append("  the paper states: \(hw.description)" + (hw.gpuHours.map { ", \($0) GPU-hours" } ?? "")) }
        return lines.joined(separator: "\n")
    }

    static func si(_ x: Double) -> String {
        x >= 1e9 ? String(format: "%.2fG", x / 1e9) : x >= 1e6 ? String(format: "%.1fM", x / 1e6) : String(format: "%.0fk", x / 1e3)
    }

    static func duration(_ s: Double) -> String {
        if s < 120 { return String(format: "%.0f s", s) }
        if s < 7200 { return String(format: "%.0f min", s / 60) }
        if s < 172_800 { return String(format: "%.1f h", s / 3600) }
        return String(format: "%.1f days", s / 86400)
    }

    private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    private func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
}
