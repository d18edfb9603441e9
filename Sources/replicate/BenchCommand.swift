import ArgumentParser
import Engine
import Foundation
import Harness

/// `replicate bench`: engine throughput on the workloads of scripts/torch_peer.py.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the engine on the benchmark workloads (W1-W3 SimCLR steps, W4 linear probe, data).",
        discussion: """
            Same workloads and timing protocol as scripts/torch_peer.py, so figures from interleaved \
            runs compare directly. GFLOP/s use the peer's MAC counts; the sgemm peak is measured in the same run.
            """)

    @Option(help: "W1 | W2 | W3 | W4 | data | all") var workload: String = "W1"
    @Flag(help: "One JSON line per workload instead of text.") var json = false
    @Option(help: "Threads for BLAS and the engine's loops (default: the CPUs this process may use).") var threads: Int?
    @Option(help: "Images per view, overriding the workload's B (e.g. 128, the smoke scale); data: images per batch.")
    var batch: Int?
    @Option(help: "Timed groups, overriding the workload's.") var measurements: Int?
    @Option(help: "Seconds after which timing stops once 3 groups are done.") var budget: Double = 150
    @Option(help: "W4: SGD epochs per run.") var probeEpochs: Int = 100
    @Flag(help: "Also show where a step's time goes, per phase and per op kind.") var profile = false
    @Option(help: ConvPathOption.help) var convPath: String = ConvPath.measured.rawValue
    @Flag(help: "Keep activations in oneDNN's channel-blocked layout between its convs (through batch norm and pooling) instead of CNHW with reorders at each conv; trials run CNHW.")
    var blockedLayout = false

    func run() throws {
        let names = workload.lowercased() == "all" ? BenchWorkload.allCases.map(\.rawValue) : [workload]
        let workloads = try names.map { name -> BenchWorkload in
            guard let w = BenchWorkload(rawValue: name.uppercased()) ?? BenchWorkload(rawValue: name.lowercased()) else {
                throw UsageError("--workload must be W1, W2, W3, W4, data or all, not '\(workload)'")
            }
            return w
        }
        if let threads, threads < 1 { throw UsageError("--threads must be at least 1, not \(threads)") }
        if let batch, batch < 2 { throw UsageError("--batch must be at least 2, not \(batch)") }
        if let measurements, measurements < 1 { throw UsageError("--measurements must be at least 1, not \(measurements)") }
        let path = try ConvPathOption.parse(convPath)
        if probeEpochs < 1 { throw UsageError("--probe-epochs must be at least 1, not \(probeEpochs)") }
        var options = BenchRunner.Options(threads: threads ?? EngineThreads.host().workers)
        for line in BenchRunner.hostLines(threads: options.threads) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        options.batchPerView = batch
        options.measurements = measurements
        options.budget = budget
        options.profile = profile
        options.probeEpochs = probeEpochs
        options.convPath = path
        options.blockedLayout = blockedLayout
        if path == .measured { options.convCache = ConvPathCache(url: ConvPathCache.defaultURL()) }
        let runner = BenchRunner(options: options)
        for w in workloads {
            let result = runner.run(w)
            print(json ? result.json : result.text)
            fflush(stdout)
        }
    }
}
