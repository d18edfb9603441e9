import Foundation
import Testing
@testable import Harness

/// Runs against the real local cluster. Serialized: the node has few CPUs and each test waits for its jobs.
@Suite(.serialized, .enabled(if: slurmIsUp, needsSlurm))
struct SlurmExecutorTests {
    @Test func smokeRunThroughSlurmGivesTheSameVerdictsAndMetricsAsLocal() throws {
        let paper = try SlurmTinyPaper(steps: 3, seeds: 2)
        let local = try paper.localRecord()
        let slurm = try paper.run(SlurmExecutor(target: .submit(paper.submission()), policy: testPolicy))

        #expect(slurm.claims.map(\.verdict) == local.claims.map(\.verdict))
        #expect(slurm.claims.map(\.values) == local.claims.map(\.values))
        #expect(slurm.trials.count == 4)
        for (s, l) in zip(slurm.trials, local.trials) {
            #expect(s.error == nil && l.error == nil)
            #expect(s.configHash == l.configHash && s.method == l.method && s.seed == l.seed)
            #expect(s.metrics == l.metrics)
            #expect(s.curves == l.curves && s.steps == l.steps)
        }
        // Every trial ran as its own array task of one array.
        let dir = try #require(paper.runDirectory())
        let manifest = try SlurmExecutor.manifest(of: dir)
        #expect(manifest.arrays.count == 1)
        #expect(manifest.tasks.map { $0.jobs } == (0..<4).map { ["\(manifest.arrays[0])_\($0)"] })
        #expect(try slurmStates(manifest.arrays).values.allSatisfy { $0 == .completed })
        // The tasks read the run's staged copy of the data, not the compressed original.
        #expect(try String(contentsOf: dir.script, encoding: .utf8).contains("data=\(try ShellQuote.quote(dir.data.path))"))
        paper.repo.remove()
    }

    @Test func cancelledArrayEndsInErrorVerdictsNotAHang() throws {
        let paper = try SlurmTinyPaper(steps: 1_000_000, seeds: 1)
        let run = Background { try paper.run(SlurmExecutor(target: .submit(paper.submission(cpus: 1)), policy: testPolicy)) }
        let dir = try eventually(120, "a task running") { () -> SlurmRunDirectory? in
            guard let d = paper.runDirectory(), d.taskStatus(0)["state"] == "RUNNING" else { return nil }
            return d
        }
        let manifest = try SlurmExecutor.manifest(of: dir)
        let scancel = try Subprocess.run("scancel", manifest.arrays)
        #expect(scancel.status == 0)

        let record = try #require(try run.wait(120), "the driver did not return after scancel")
        #expect(!record.claims.isEmpty)
        #expect(record.claims.allSatisfy { $0.verdict == .error })
        for t in record.trials {
            let error = try #require(t.error)
            #expect(error.contains("cancelled"), "\(error)")
        }
        #expect(try slurmStates(manifest.arrays).values.allSatisfy { $0 == .cancelled })
        #expect(dir.taskStatus(0)["state"] == "TERMINATED")
        paper.repo.remove()
    }

    /// Slurm's time limits are whole minutes and checked about every 30 s, so this test takes 1-2 minutes. The
    /// trial is held (SIGSTOP) past its one-minute limit, so the first attempt times out whatever this
    /// machine's speed; the requeued attempt runs free and must give the same result as a local run.
    @Test func taskKilledByItsTimeLimitIsRequeuedAndFinishes() throws {
        let paper = try SlurmTinyPaper(steps: 3, seeds: 1, methods: 1)
        var policy = testPolicy
        policy.maxRequeues = 1
        let run = Background { try paper.run(SlurmExecutor(target: .submit(paper.submission(minutes: 1)), policy: policy)) }
        let dir = try eventually(120, "the trial process") { paper.runDirectory() }
        let pid = try eventually(120, "the trial process") { trialProcess(config: dir.config(0)) }
        #expect(kill(pid, SIGSTOP) == 0)

        let record = try #require(try run.wait(400), "the driver did not return")
        let manifest = try SlurmExecutor.manifest(of: dir)
        let task = try #require(manifest.tasks.first)
        #expect(task.jobs.count == 2, "requeued once: \(task.jobs)")
        #expect(try slurmState(task.jobs[0]) == .timeout)
        #expect(try slurmState(task.jobs[1]) == .completed)
        // No checkpoint to resume from: the new attempt starts over with twice the time.
        #expect(task.timeLimitSeconds == 120)
        let log = try String(contentsOf: dir.log(0), encoding: .utf8)
        #expect(log.components(separatedBy: "\n== ").count == 2, "two attempts in the trial's log")

        let trial = try #require(record.trials.first)
        #expect(trial.error == nil)
        let local = try #require(try paper.localRecord().trials.first)
        #expect(trial.metrics == local.metrics && trial.curves == local.curves && trial.steps == local.steps)
        paper.repo.remove()
    }

    @Test func taskThatExitsZeroWithoutAResultAndAFailingTaskGetClearVerdicts() throws {
        let paper = try SlurmTinyPaper(steps: 3, seeds: 3, methods: 1)
        let configs = try paper.configs
        // Real programs in place of `replicate`: /bin/true exits 0 and writes nothing, /bin/false exits 1.
        var quiet = paper.submission(executable: "/bin/true", cpus: 1)
        quiet.maxArrayTasks = 2
        let silent = try SlurmExecutor(target: .submit(quiet), policy: testPolicy).run(configs, log: ProgressLog(quiet: true))
        #expect(silent.count == 3)
        for r in silent {
            let error = try #require(r.error)
            #expect(error.contains("exited 0 but wrote no result"), "\(error)")
        }
        // Three trials at two tasks per array: two arrays, and each error names its own job.
        let dir = try #require(paper.runDirectory())
        let manifest = try SlurmExecutor.manifest(of: dir)
        #expect(manifest.arrays.count == 2)
        #expect(manifest.tasks.map { $0.jobs } == [["\(manifest.arrays[0])_0"], ["\(manifest.arrays[0])_1"], ["\(manifest.arrays[1])_0"]])
        for (r, t) in zip(silent, manifest.tasks) { #expect(r.error!.hasPrefix("Slurm job \(t.jobs[0]):")) }

        let failing = try SlurmExecutor(target: .submit(paper.submission(executable: "/bin/false", cpus: 1)), policy: testPolicy)
            .run(Array(configs.prefix(1)), log: ProgressLog(quiet: true))
        #expect(failing.first?.error?.contains("failed with exit code 1") == true, "\(failing.first?.error ?? "no error")")
        paper.repo.remove()
    }

    @Test func taskAskingForMoreThanAnyNodeHasEndsInsteadOfWaitingForever() throws {
        let paper = try SlurmTinyPaper(steps: 3, seeds: 1, methods: 1)
        let cpus = try #require(SlurmClient().largestNodeCPUs(partition: nil))
        let results = try SlurmExecutor(target: .submit(paper.submission(cpus: cpus + 1)), policy: testPolicy)
            .run(try paper.configs, log: ProgressLog(quiet: true))
        let error = try #require(results.first?.error)
        #expect(error.contains("cannot start") && error.contains("PartitionConfig"), "\(error)")
        let manifest = try SlurmExecutor.manifest(of: try #require(paper.runDirectory()))
        let task = try #require(manifest.tasks.first?.jobs.first)
        let state = try eventually(30, "the task cancelled") { try slurmState(task).flatMap { $0.isFinal ? $0 : nil } }
        #expect(state == .cancelled)
        paper.repo.remove()
    }

    @Test func refusedSubmissionLeavesNoRunFolder() throws {
        let paper = try SlurmTinyPaper(steps: 3, seeds: 1, methods: 1)
        var s = paper.submission()
        s.resources.partition = "no-such-partition"
        #expect(throws: SlurmSubmitError.self) {
            _ = try SlurmExecutor(target: .submit(s)).run(try paper.configs, log: ProgressLog(quiet: true))
        }
        #expect(paper.runDirectory() == nil)
        paper.repo.remove()
    }
}
