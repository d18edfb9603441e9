import Foundation
import Testing
@testable import Harness

// Sources/replicate/SlurmFlags.swift and the root command's Slurm path, through the built binary.

@Test(arguments: [
    (["--executor", "pbs"], "--executor must be local or slurm"),
    (["--time", "10"], "need --executor slurm"),
    (["--detach"], "need --executor slurm"),
    (["--executor", "slurm", "--time", "1h"], "--time: '1h' is not valid"),
    (["--executor", "slurm", "--mem", "lots"], "--mem: 'lots' is not valid"),
    (["--executor", "slurm", "--gres", "gpu;reboot"], "--gres: 'gpu;reboot' is not valid"),
    (["--executor", "slurm", "--partition", "a b"], "--partition: 'a b' is not valid"),
    (["--executor", "slurm", "--cpus-per-task", "0"], "--cpus-per-task: '0' is not valid"),
])
func badSlurmFlagsAreExitTwoBeforeAnythingRuns(_ flags: [String], _ message: String) throws {
    let paper = try SlurmTinyPaper(steps: 3, seeds: 1, methods: 1)
    defer { paper.repo.remove() }
    let run = try runReplicate(["--paper", "tiny", "--root", paper.repo.root.path, "--reports", paper.reports.path] + flags)
    #expect(run.status == 2)
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: paper.reports.path))
}

@Test func slurmExecutorWithoutSbatchIsExitTwo() throws {
    let paper = try SlurmTinyPaper(steps: 3, seeds: 1, methods: 1)
    defer { paper.repo.remove() }
    var env = replicateEnvironment
    env["PATH"] = "/nonexistent"
    let run = try runReplicate(["--paper", "tiny", "--root", paper.repo.root.path, "--reports", paper.reports.path,
                                                   "--executor", "slurm"], environment: env)
    #expect(run.status == 2)
    #expect(run.stderr.contains("sbatch is not in PATH"))
}

@Suite(.serialized, .enabled(if: slurmIsUp, needsSlurm))
struct SlurmCommandLineTests {
    @Test func detachedRunIsFinishedByCollect() throws {
        let paper = try SlurmTinyPaper(steps: 3, seeds: 1)
        defer { paper.repo.remove() }
        let submit = try runReplicate(["--paper", "tiny", "--root", paper.repo.root.path, "--reports", paper.reports.path,
                                                          "--executor", "slurm", "--detach", "--time", "10", "--mem", "2G", "--quiet"])
        #expect(submit.status == 0, "\(submit.stderr)")
        let dir = try #require(paper.runDirectory())
        let runId = dir.url.lastPathComponent
        #expect(submit.stdout.contains("replicate collect --run \(runId)"))
        #expect(!FileManager.default.fileExists(atPath: paper.reports.appendingPathComponent("tiny").path), "no report before collect")

        let collect = try runReplicate(["collect", "--run", runId, "--reports", paper.reports.path, "--quiet"])
        #expect(collect.status == 0, "\(collect.stdout)\(collect.stderr)")
        let reports = try FileManager.default.contentsOfDirectory(atPath: paper.reports.appendingPathComponent("tiny").path)
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".html") }
        let record = try RunRecord.load(from: paper.reports.appendingPathComponent("tiny/\(try #require(reports.first))/results.json"))
        #expect(record.trials.count == 2 && record.trials.allSatisfy { $0.error == nil })
        #expect(Set(record.trials.map(\.configHash)) == Set(try SlurmExecutor.manifest(of: dir).tasks.map(\.configHash)))
    }

    @Test func collectOfAnUnknownRunIsExitTwo() throws {
        let run = try runReplicate(["collect", "--run", "no-such-run", "--reports", "/tmp/replicate-no-reports"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("/tmp/replicate-no-reports/.slurm/no-such-run/run.json"))
    }

    @Test func ctrlCOnTheDriverCancelsTheArray() throws {
        let paper = try SlurmTinyPaper(steps: 1_000_000, seeds: 1)
        defer { paper.repo.remove() }
        let driver = Process()
        driver.executableURL = URL(fileURLWithPath: replicateBinary)
        driver.arguments = ["--paper", "tiny", "--root", paper.repo.root.path, "--reports", paper.reports.path,
                            "--executor", "slurm", "--time", "10", "--cpus-per-task", "1", "--mem", "2G", "--quiet"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let dir = try eventually(120, "a task running") { () -> SlurmRunDirectory? in
            guard let d = paper.runDirectory(), d.taskStatus(0)["state"] == "RUNNING" else { return nil }
            return d
        }
        driver.interrupt()  // SIGINT, as Ctrl-C sends
        _ = try eventually(60, "the driver exiting") { driver.isRunning ? nil : true }
        #expect(driver.terminationStatus == 130)
        let manifest = try SlurmExecutor.manifest(of: dir)
        #expect(manifest.cancelled)
        let states = try eventually(60, "the tasks ending") { () -> [String: SlurmJobState]? in
            let s = try slurmStates(manifest.arrays)
            return s.values.allSatisfy(\.isFinal) ? s : nil
        }
        #expect(states.count == 2 && states.values.allSatisfy { $0 == .cancelled })
    }
}
