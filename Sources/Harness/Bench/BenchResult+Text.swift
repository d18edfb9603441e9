import Foundation
import Engine

extension BenchResult {
    /// Human-readable lines for the terminal.
    public var text: String {
        switch self {
        case .unavailable(let w, let reason):
            return "\(w): \(reason)"
        case .simclr(let r):
            var lines = [
                "\(r.workload) \(r.model): B=\(r.batchPerView) (\(r.imagesPerStep) images/step), \(r.parameters) parameters"
                    + (r.parameters == r.referenceParameters ? "" : " (reference model: \(r.referenceParameters))")
                    + ", \(r.threads) thread\(r.threads == 1 ? "" : "s")",
                "  s/step       min \(f(r.stepSeconds.min, 4))  median \(f(r.stepSeconds.median, 4))  max \(f(r.stepSeconds.max, 4))"
                    + "  (\(r.measurements) × \(r.stepsPerMeasurement) steps after \(r.warmupSteps) warm-up)",
                "  images/s     \(f(r.imagesPerSecond.median, 1)) median (\(f(r.imagesPerSecond.min, 1))–\(f(r.imagesPerSecond.max, 1)))",
                "  GFLOP/s      \(f(r.gflopsMedian, 1)) (\(f(r.flopsPerStep / 1e9, 2)) GFLOP/step x3, \(f(r.exactFlopsPerStep / 1e9, 2)) exact)",
                "  sgemm 1024³  \(f(r.sgemmGflops, 1)) GFLOP/s → \(f(100 * r.shareOfSgemmPeak, 1)) % of peak",
                "  final loss   \(f(r.finalLoss, 4))",
                "  peak RSS     \(f(r.peakRSSMegabytes, 0)) MiB (process)",
            ]
            if let path = r.convPath { lines.append("  conv path    \(path)" + (r.determinism.map { " (bits depend on: \($0))" } ?? "")) }
            for e in r.convPaths ?? [] { lines.append("    \(e.geometry): \(e.path)" + (e.detail.isEmpty ? "" : " — \(e.detail)")) }
            if let p = r.profile { lines += p.textLines }
            return lines.joined(separator: "\n")
        case .data(let results):
            return results.map(\.summary).joined(separator: "\n")
        case .probe(let r):
            var lines = [
                "W4 linear probe: \(r.samples) × \(r.dim) → \(r.classes), \(r.epochs) epochs of SGD, batch \(r.batch) (\(r.steps) steps), \(r.threads) thread\(r.threads == 1 ? "" : "s")",
                "  wall s       min \(f(r.wallSeconds.min, 3))  median \(f(r.wallSeconds.median, 3))  max \(f(r.wallSeconds.max, 3))  (\(r.runs) runs)",
                "  µs/step      \(f(r.microsecondsPerStepMedian, 1)) median",
                "  train acc    \(f(100 * r.trainAccuracy, 2)) %",
            ]
            if let l = r.lbfgs {
                lines.append("  L-BFGS full batch, \(l.iterations) iterations: wall s median \(f(l.wallSeconds.median, 3)) (\(f(l.wallSeconds.min, 3))–\(f(l.wallSeconds.max, 3))), train acc \(f(100 * l.trainAccuracy, 2)) %")
                for e in l.productPaths ?? [] {
                    lines.append("    \(e.geometry): \(e.path == ConvPath.im2col.rawValue ? "OpenBLAS" : e.path)" + (e.detail.isEmpty ? "" : " — \(e.detail)"))
                }
            }
            return lines.joined(separator: "\n")
        }
    }

    /// One JSON object (a single line), keys sorted.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data?
        switch self {
        case .simclr(let r): data = try? encoder.encode(r)
        case .probe(let r): data = try? encoder.encode(r)
        case .data(let results): data = try? encoder.encode(DataLine(results: results))
        case .unavailable(let w, let reason): data = try? encoder.encode(["workload": w, "unavailable": reason])
        }
        return data.flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}

extension BenchProfile {
    var textLines: [String] {
        var lines = ["  profile (\(steps) step\(steps == 1 ? "" : "s"), \(f(stepSeconds * 1000, 1)) ms/step):"]
        lines.append("    by phase:")
        for e in phases { lines.append(row(e)) }
        lines.append("    by op kind:")
        for e in ops.sorted(by: { $0.secondsPerStep > $1.secondsPerStep }) { lines.append(row(e)) }
        if let g = convGflops, let s = convShareOfSgemmPeak {
            lines.append("    convolutions overall (all conv kinds, reorders included): \(f(g, 1)) GFLOP/s = \(f(100 * s, 1)) % of sgemm")
        }
        if let r = convReorderShare, r > 0 { lines.append("    reorders: \(f(100 * r, 1)) % of conv time") }
        if let r = reorderShareOfStep, r > 0 { lines.append("    all layout reorders (conv edges and blocked-chain edges): \(f(100 * r, 1)) % of the step") }
        return lines
    }

    private func row(_ e: Entry) -> String {
        let name = e.name.padding(toLength: 52, withPad: " ", startingAt: 0)
        let ms = f(e.secondsPerStep * 1000, 2)
        return "      \(name) \(String(repeating: " ", count: max(0, 8 - ms.count)))\(ms) ms  \(f(100 * e.share, 1).leftPadded(5)) %"
            + (e.gflops.map { "  \(f($0, 1)) GFLOP/s" } ?? "")
    }
}

private func f(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

private extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}

/// The JSON line of `--workload data`.
private struct DataLine: Encodable {
    var workload = "data"
    var results: [DataWorkload.Result]
}
