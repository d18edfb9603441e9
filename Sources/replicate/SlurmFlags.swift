import ArgumentParser
import Foundation
import Harness

/// `--executor` and the Slurm options of `replicate --paper`.
struct SlurmFlags: ParsableArguments {
    @Option(name: .long, help: "Where trials run: local (this process) or slurm (one job array per run).")
    var executor: String = "local"
    @Option(name: .long, help: "Slurm partition(s) (default: the cluster's).") var partition: String?
    @Option(name: .long, help: "Slurm account to charge (default: yours).") var account: String?
    @Option(name: .long, help: "Time limit per trial, Slurm format (default: plan's estimate x3 + 10 min).") var time: String?
    @Option(name: .long, help: "Generic resources per trial, e.g. gpu:2, or none (default at full scale: the paper's GPUs).")
    var gres: String?
    @Option(name: .long, help: "CPUs per trial (default 4, or fewer when the partition's biggest node has fewer).")
    var cpusPerTask: Int?
    @Option(name: .long, help: "Memory per trial, e.g. 16G (default: plan's estimate x2 + data + 1 GiB).") var mem: String?
    @Flag(name: .long, help: "Submit to Slurm and return; finish with `replicate collect --run ID`.") var detach = false

    /// Checks every flag's value without touching the cluster or a spec, so bad flags stop the run before it
    /// creates anything (store, report folders).
    func checkValues() throws {
        _ = try checkedExecutor()
        _ = try partition.map { try SlurmResources.parseName($0, flag: "--partition", list: true) }
        _ = try account.map { try SlurmResources.parseName($0, flag: "--account") }
        _ = try time.map { try SlurmResources.parseTime($0) }
        _ = try gres.map { try SlurmResources.parseGres($0) }
        _ = try mem.map { try SlurmResources.parseMemory($0) }
        _ = try cpusPerTask.map { try SlurmResources.checkCPUs($0) }
    }

    /// True for `slurm`, false for `local`; the local executor refuses Slurm-only flags.
    private func checkedExecutor() throws -> Bool {
        switch executor {
        case "local":
            let given = [partition, account, time, gres, mem].contains { $0 != nil } || cpusPerTask != nil || detach
            if given { throw UsageError("--partition, --account, --time, --gres, --cpus-per-task, --mem and --detach need --executor slurm") }
            return false
        case "slurm":
            return true
        default:
            throw UsageError("--executor must be local or slurm, not '\(executor)'")
        }
    }

    /// Nil for the local executor.
    func slurmExecutor(paper: String, options: RunOptions, data: DataCatalog, interrupt: InterruptFlag?) throws -> SlurmExecutor? {
        guard try checkedExecutor() else { return nil }
        guard (try? Subprocess.resolve("sbatch")) != nil else {
            throw UsageError("--executor slurm: sbatch is not in PATH (run on a Slurm login node, or set SLURM_CONF and PATH)")
        }
        let recipe = try SpecLoader(root: options.specRoot).load(paper: paper).resolved(scale: options.scale)
        let partitionName = try partition.map { try SlurmResources.parseName($0, flag: "--partition", list: true) }
        let cpus = try cpusPerTask.map { try SlurmResources.checkCPUs($0) }
            ?? min(4, SlurmClient().largestNodeCPUs(partition: partitionName) ?? 4)
        var r = try SlurmResources.defaults(recipe: recipe, cpusPerTask: cpus)
        r.partition = partitionName
        if let account { r.account = try SlurmResources.parseName(account, flag: "--account") }
        if let time { r.timeLimitSeconds = try SlurmResources.parseTime(time) }
        if let gres { r.gres = try SlurmResources.parseGres(gres) }
        if let mem { r.memoryMB = try SlurmResources.parseMemory(mem) }
        let origin = SlurmRunManifest.Origin(paper: paper, scale: options.scale.rawValue, seeds: options.seeds,
                                             specRoot: options.specRoot.standardizedFileURL.path,
                                             reportsRoot: options.reportsRoot.standardizedFileURL.path, dataRoot: data.root.path,
                                             convPath: options.convPath.rawValue)
        var submission = SlurmSubmission(resources: r, executable: Self.selfExecutable(),
                                         runsRoot: SlurmRunDirectory.root(reportsRoot: options.reportsRoot.standardizedFileURL),
                                         origin: origin)
        submission.detach = detach
        return SlurmExecutor(target: .submit(submission), interrupt: interrupt)
    }

    /// This program's own path, for the tasks to run (the binary must be on storage the nodes share).
    static func selfExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
