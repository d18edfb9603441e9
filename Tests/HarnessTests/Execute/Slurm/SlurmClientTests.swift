import Foundation
import Testing
@testable import Harness

/// `squeue -h -t all -r -j 3,17 -o '%F|%K|%T|%r'` as Slurm 22.05 printed it on the local test cluster.
let squeueSample = """
3|7|COMPLETED|None
3|6|COMPLETED|None
17|0|PENDING|JobHeldUser
17|2-3%2|PENDING|JobHeldUser
15|0|TIMEOUT|TimeLimit
36|N/A|CANCELLED|PartitionConfig
"""

@Test func squeueLinesBecomeTaskRecords() {
    let r = SlurmClient.parseSqueue(squeueSample)
    #expect(r.count == 7)
    #expect(SlurmClient.record(of: "36_0", in: r)?.state == .cancelled)
    #expect(SlurmClient.record(of: "15_0", in: r)?.reason == "TimeLimit")
    #expect(SlurmClient.record(of: "15_1", in: r) == nil)
    #expect(r["3_7"]?.state == .completed)
    #expect(r["15_0"] == SlurmClient.TaskRecord(id: "15_0", state: .timeout, reason: "TimeLimit", exitCode: nil))
    #expect(r["17_3"]?.state == .pending && r["17_3"]?.reason == "JobHeldUser")
}

@Test(arguments: [("3", [3]), ("0-3", [0, 1, 2, 3]), ("0-3%2", [0, 1, 2, 3]), ("[1,4-5]", [1, 4, 5]), ("N/A", [Int]())])
func arrayTaskRangesExpand(_ text: String, _ ids: [Int]) {
    #expect(SlurmClient.expandTaskIDs(text) == ids)
}

@Test func sacctLinesKeepStateAndExitCode() {
    let r = SlurmClient.parseSacct("15_0|TIMEOUT|0:15\n15_1|CANCELLED by 0|0:15\n15_2|FAILED|3:0\n15_[3-9]|PENDING|0:0\n16|COMPLETED|0:0\n")
    #expect(r.count == 3)
    #expect(r["15_1"]?.state == .cancelled)
    #expect(r["15_2"]?.exitCode == 3)
    #expect(r["15_[3-9]"] == nil)
}

@Suite(.enabled(if: ProcessInfo.processInfo.environment["SLURM_CONF"] != nil, "needs a Slurm cluster: SLURM_CONF is not set (.ci/run starts one)"))
struct SlurmClientClusterTests {
    let client = SlurmClient()

    @Test func configuresAccountingAndArraySizeFromTheCluster() throws {
        let c = try client.config()
        #expect(client.maxArraySize() == Int(try #require(c["MaxArraySize"])))
        let accounting = ProcessInfo.processInfo.environment["SLURM_LOCAL_ACCOUNTING"] == "1"
        #expect(client.accountingEnabled() == accounting)
    }

    @Test func largestNodeIsFoundAndAnUnknownPartitionHasNone() throws {
        let node = try Subprocess.run("scontrol", ["-o", "show", "node"]).stdout
        let cpus = node.split(separator: " ").compactMap { $0.hasPrefix("CPUTot=") ? Int($0.dropFirst(7)) : nil }
        #expect(client.largestNodeCPUs(partition: nil) == cpus.max())
        #expect(client.largestNodeCPUs(partition: "no-such-partition") == nil)
    }

    @Test func unknownJobIdsAreNoRecordsNotErrors() throws {
        #expect(try client.tasks(ofArrays: ["987654321"]).isEmpty)
    }

    @Test func refusedSubmissionIsBadInputWithSlurmsReason() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("refused-\(UUID().uuidString).sh")
        try "#!/bin/bash\ntrue\n".write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        #expect {
            _ = try client.submit(script: script, options: ["--partition=no-such-partition", "--array=0"], arguments: ["0"])
        } throws: { error in
            guard let e = error as? SlurmSubmitError else { return false }
            return e.description.contains("--executor slurm") && e.reason.lowercased().contains("partition")
        }
    }
}
