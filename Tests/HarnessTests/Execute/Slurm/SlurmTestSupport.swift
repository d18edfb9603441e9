import Foundation
import Testing
@testable import Harness

/// Tests that submit jobs run only where a Slurm cluster answers (`.ci/run` starts one on localhost).
let slurmIsUp = ProcessInfo.processInfo.environment["SLURM_CONF"] != nil
let needsSlurm: Comment = "needs a Slurm cluster: SLURM_CONF is not set (.ci/run starts one with scripts/local_slurm_start.sh)"

/// The `replicate` executable the test build put beside this test bundle.
let replicateBinary: String = {
    // The build's products folder holds both this test bundle and the `replicate` it was built with. Never a
    // `replicate` on PATH or in a parent folder: that could be a stale build, and the tests would pass against it.
    let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("replicate").path
}()

/// The environment every `replicate` child of the tests runs with: this process's, with `XDG_CACHE_HOME` in a
/// temporary folder, so conv-path decisions timed by test runs never land in the user's own cache file.
let replicateEnvironment: [String: String] = {
    var env = ProcessInfo.processInfo.environment
    env["XDG_CACHE_HOME"] = FileManager.default.temporaryDirectory
        .appendingPathComponent("replicate-tests-cache-\(getpid())").path
    return env
}()

/// Runs the built `replicate` with `arguments` in `replicateEnvironment` (or `environment`, given whole).
func runReplicate(_ arguments: [String], input: Data? = nil, environment: [String: String]? = nil) throws -> Subprocess.Output {
    try Subprocess.run(replicateBinary, arguments, input: input, environment: environment ?? replicateEnvironment)
}

/// A paper small enough to train in seconds: convnet-s on 8-image batches for a few steps, evaluated on
/// 64 test images. Written to a temporary repository with an empty expected table.
struct SlurmTinyPaper {
    let repo: TempRepo
    let data = DataCatalog(explicitRoot: nil)

    init(steps: Int, seeds: Int = 2, methods: Int = 2) throws {
        let methodLines = [
            "  - {id: contrastive, label: NT-Xent, loss: {name: nt-xent, temperature: 0.5}}",
            "  - {id: align-uniform, label: align + uniform, loss: {name: align-uniform, align_weight: 1, uniform_weight: 1, alpha: 2, t: 2}}",
        ].prefix(methods).joined(separator: "\n")
        let relative = "  - {id: au-not-much-worse, kind: non-inferiority, method: align-uniform, baseline: contrastive, metric: retrieval.top1, margin: 1, quote: q}"
        let spec = """
            version: 1
            id: tiny
            paper: {title: "A Tiny Paper", authors: [Ada Lovelace], venue: ICML 2020, year: 2020, arxiv: "2005.10242"}
            checklist:
              pseudocode: {answer: yes, note: "given"}
              code: {answer: no, note: "none"}
              datasets: {answer: yes, note: "public"}
              splits: {answer: yes, note: "standard"}
              hardware: {answer: no, note: "not stated"}
              software: {answer: no, note: "not stated"}
              setup: {answer: yes, note: "all of it"}
            hardware: {description: "not stated"}
            data: {dataset: fashion-mnist, train_split: train, eval_train_split: train, eval_test_split: test, image_size: 28}
            augment:
              random_resized_crop: {size: 28, scale: [0.2, 1.0]}
              horizontal_flip: 0.5
            model:
              backbone: convnet-s
              projector: {hidden: [32], output: 16, batch_norm: true}
            methods:
            \(methodLines)
            optimizer: {name: sgd, lr: 0.12, momentum: 0.9, weight_decay: 5.0e-4}
            schedule: {name: constant}
            epochs: 1
            batch_size: 8
            seeds: \(seeds)
            evaluation:
              - {id: retrieval, protocol: retrieval, features: projector, test_subset: 64}
              - {id: geometry, protocol: alignment-uniformity, features: output, alpha: 2, t: 2, test_subset: 64}
            claims:
              - {id: sanity.finite, kind: sanity, check: finite, metric: loss}
            \(methods == 2 ? relative : "")
            variants:
              smoke: {steps: \(steps)}

            """
        repo = try TempRepo(files: ["papers/tiny.yaml": spec, "expected/tiny.yaml": "version: 1\npaper: tiny\nrows: []\n"])
    }

    var reports: URL { repo.root.appendingPathComponent("reports") }
    var runs: URL { SlurmRunDirectory.root(reportsRoot: reports) }

    var options: RunOptions {
        var o = RunOptions(specRoot: repo.root, reportsRoot: reports)
        o.quiet = true
        return o
    }

    var configs: [TrialConfig] {
        get throws {
            let recipe = try repo.loader.load(paper: "tiny").resolved(scale: .smoke)
            return recipe.methods.flatMap { m in (0..<recipe.seeds).map { TrialConfig(recipe: recipe, method: m, seed: $0) } }
        }
    }

    func run(_ executor: any Executor) throws -> RunRecord {
        try PaperRun(options: options, log: ProgressLog(quiet: true)).run(paper: "tiny", data: data, executor: executor).record
    }

    /// One task per trial with as many CPUs as this machine has (OpenBLAS's default thread count), so the numbers match a local run bit for bit
    /// (OpenBLAS sums in a thread-count-dependent order).
    func submission(executable: String = replicateBinary, minutes: Int = 10, cpus: Int = ProcessInfo.processInfo.activeProcessorCount) -> SlurmSubmission {
        let origin = SlurmRunManifest.Origin(paper: "tiny", scale: "smoke", seeds: nil, specRoot: repo.root.path,
                                             reportsRoot: reports.path, dataRoot: data.root.path)
        return SlurmSubmission(resources: SlurmResources(timeLimitSeconds: minutes * 60, cpusPerTask: cpus, memoryMB: 2048),
                               executable: executable, runsRoot: runs, origin: origin)
    }

    /// The one run folder under `.slurm`, once it exists.
    func runDirectory() -> SlurmRunDirectory? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []
        return names.first.map { SlurmRunDirectory(url: runs.appendingPathComponent($0)) }
    }
}

/// Quick polling for tests: results show up within a second.
var testPolicy: SlurmPolicy {
    var p = SlurmPolicy()
    p.pollInterval = 0.3
    p.resultGraceSeconds = 1
    return p
}

/// Polls `condition` every 0.2 s until it returns a value; fails the test after `seconds`.
func eventually<T>(_ seconds: Double, _ what: String, _ condition: () throws -> T?) throws -> T {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if let v = try condition() { return v }
        Thread.sleep(forTimeInterval: 0.2)
    }
    throw WaitTimeout(what: what, seconds: seconds)
}

struct WaitTimeout: Error, CustomStringConvertible {
    var what: String
    var seconds: Double
    var description: String { "\(what) did not happen within \(Int(seconds)) s" }
}

/// Runs `body` on its own thread, so a test can act on the cluster while a driver waits.
final class Background<T>: @unchecked Sendable {
    private var result: Result<T, Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping () throws -> T) {
        let thread = Thread { [self] in
            result = Result { try body() }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The body's value, or nil when it has not finished within `seconds` (a hang).
    func wait(_ seconds: Double) throws -> T? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return try result!.get()
    }
}

/// The pid of the `replicate trial` process working on `config` (found through /proc).
func trialProcess(config: URL) -> pid_t? {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
        guard let pid = pid_t(name), let raw = FileManager.default.contents(atPath: "/proc/\(name)/cmdline") else { continue }
        let argv = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        if argv.count > 2, argv[1] == "trial", argv[2] == config.path { return pid }
    }
    return nil
}

/// Every task state `squeue` still holds for the given jobs.
func slurmStates(_ jobs: [String]) throws -> [String: SlurmJobState] {
    let records = try SlurmClient().tasks(ofArrays: Array(Set(jobs.map { String($0.split(separator: "_")[0]) })))
    return records.filter { !$0.key.hasSuffix("_*") }.mapValues(\.state)
}

/// The state of one array task `A_i` (its array's record when Slurm never split the task out).
func slurmState(_ task: String) throws -> SlurmJobState? {
    SlurmClient.record(of: task, in: try SlurmClient().tasks(ofArrays: [String(task.split(separator: "_")[0])]))?.state
}

extension SlurmTinyPaper {
    /// The paper run by `replicate` with the local executor, in its own process: trials run inside this test
    /// process would share OpenBLAS's global thread setting with the tests running alongside, and the thread
    /// count changes the last bits of the numbers.
    func localRecord() throws -> RunRecord {
        let reports = repo.root.appendingPathComponent("local-reports")
        // im2col, as the library's runs and `configs` (the CLI's default, measured, would time the shapes and may pick oneDNN).
        let out = try runReplicate(["--paper", "tiny", "--root", repo.root.path, "--reports", reports.path, "--quiet",
                                                       "--conv-path", "im2col"])
        guard out.status == 0 || out.status == 1 else { throw WaitTimeout(what: "local run (\(out.stderr))", seconds: 0) }
        let runs = try FileManager.default.contentsOfDirectory(atPath: reports.appendingPathComponent("tiny").path)
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".html") }
        return try RunRecord.load(from: reports.appendingPathComponent("tiny/\(runs[0])/results.json"))
    }
}
