import Foundation
import Testing
@testable import Harness

@Test func runIdsAreSafeAsFileAndJobNames() {
    let id = SlurmRun.makeRunId(paper: "a b/../$(x)", scale: "full", date: Date(timeIntervalSince1970: 0))
    #expect(id.hasPrefix("a_b_..___x_-full-19700101-000000-"))
    #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) })
}

@Test func purgedTasksAreJudgedByTheirOwnStatusFile() {
    let completed = SlurmClient.TaskRecord(id: "1_0", state: .completed, reason: "None", exitCode: nil)
    #expect(SlurmRun.failure(record: completed, status: [:]) == .noResult)
    let failed = SlurmClient.TaskRecord(id: "1_0", state: .failed, reason: "", exitCode: nil)
    #expect(SlurmRun.failure(record: failed, status: ["state": "EXITED", "rc": "7"]) == .exitCode(7))
    // Slurm forgot the task: the status file decides.
    #expect(SlurmRun.failure(record: nil, status: ["state": "EXITED", "rc": "0"]) == .noResult)
    #expect(SlurmRun.failure(record: nil, status: ["state": "EXITED", "rc": "2"]) == .exitCode(2))
    #expect(SlurmRun.failure(record: nil, status: ["state": "RUNNING"]) == .lost)
    #expect(SlurmRun.failure(record: nil, status: [:]) == .lost)
    if case .other(let text)? = SlurmRun.failure(record: nil, status: ["state": "TERMINATED"]) {
        #expect(text.contains("SIGTERM"))
    } else { Issue.record("TERMINATED must be its own verdict") }
}
