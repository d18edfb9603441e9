import Foundation
import Testing
@testable import Harness

@Test func scriptPassesHostilePathsThroughUnchanged() throws {
    // A run folder and data folder full of shell syntax: the script must hand them to the program as-is.
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("job script \(UUID().uuidString)")
    let run = base.appendingPathComponent("it's $(touch pwned) `id` \"q\" ;x")
    let data = "/data/$HOME/a b/'c'"
    let dir = SlurmRunDirectory(url: run)
    try dir.create()
    defer { try? FileManager.default.removeItem(at: base) }
    let script = SlurmJobScript(runDirectory: run, executable: "/bin/echo", dataRoot: data, trialArguments: ["--flag", "it's"])
    try Data(try script.text().utf8).write(to: dir.script)

    // Run it as Slurm would start task 2 of an array submitted with offset 5 (trial 7).
    var env = replicateEnvironment
    env["SLURM_ARRAY_TASK_ID"] = "2"; env["SLURM_ARRAY_JOB_ID"] = "41"; env["SLURM_JOB_ID"] = "43"; env["SLURM_CPUS_PER_TASK"] = "3"
    let out = try Subprocess.run("/bin/bash", [dir.script.path, "5"], environment: env)
    #expect(out.status == 0, "\(out.stderr)")
    let log = try String(contentsOf: dir.log(7), encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(log.count == 2 && log[0].hasPrefix("== ") && log[0].contains("job 41_2"))
    #expect(log.last == "trial \(run.path)/trials/7.json --out \(run.path)/results/7.json --data-root \(data) --quiet --resume --checkpoint-dir \(run.path)/checkpoints --flag it's")
    #expect(dir.taskStatus(7) == ["state": "EXITED", "rc": "0", "job": "41_2", "restart": "0"])
    #expect(!FileManager.default.fileExists(atPath: run.deletingLastPathComponent().appendingPathComponent("pwned").path))
    #expect(!FileManager.default.fileExists(atPath: "pwned"))
}

@Test func scriptRecordsTheTrialsExitCode() throws {
    let run = FileManager.default.temporaryDirectory.appendingPathComponent("job-script-\(UUID().uuidString)")
    let dir = SlurmRunDirectory(url: run)
    try dir.create()
    defer { try? FileManager.default.removeItem(at: run) }
    try Data(try SlurmJobScript(runDirectory: run, executable: "/bin/false", dataRoot: "/d").text().utf8).write(to: dir.script)
    var env = replicateEnvironment
    env["SLURM_ARRAY_TASK_ID"] = "0"; env["SLURM_ARRAY_JOB_ID"] = "9"
    let out = try Subprocess.run("/bin/bash", [dir.script.path, "0"], environment: env)
    #expect(out.status == 1)
    #expect(dir.taskStatus(0)["state"] == "EXITED" && dir.taskStatus(0)["rc"] == "1")
}

@Test func scriptIsValidBashWithoutAnArrayTask() throws {
    let text = try SlurmJobScript(runDirectory: URL(fileURLWithPath: "/r"), executable: "/x", dataRoot: "/d").text()
    let out = try Subprocess.run("/bin/bash", ["-n"], input: Data(text.utf8))
    #expect(out.status == 0, "\(out.stderr)")
    // Started outside an array, it refuses instead of running trial 0.
    var env = replicateEnvironment
    env["SLURM_ARRAY_TASK_ID"] = nil
    let run = try Subprocess.run("/bin/bash", ["-s", "0"], input: Data(text.utf8), environment: env)
    #expect(run.status != 0 && run.stderr.contains("not an array task"))
}
