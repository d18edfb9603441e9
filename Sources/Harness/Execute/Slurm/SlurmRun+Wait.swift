import Foundation

extension SlurmRun {
    /// Waits until every trial has a result or a final verdict. Each poll lists the results folder, asks
    /// `squeue` about the tasks still out (and `sacct`, when accounting exists, about those slurmctld has
    /// forgotten), requeues tasks the machine failed and turns every other ending into an error result.
    /// `finished(i, result)` is called once per trial as it ends.
    func wait(_ configs: [TrialConfig], policy: SlurmPolicy, log: ProgressLog, interrupt: InterruptFlag?,
              finished: (Int, TrialResult) throws -> Void = { _, _ in }) throws -> [TrialResult] {
        var results: [Int: TrialResult] = [:]
        for (i, task) in manifest.tasks.enumerated() where task.failure != nil {
            results[i] = Self.errorResult(configs[i], task.failure!)
        }
        var announced = Set<String>(), noResultSince: [Int: Date] = [:]
        var queryFailingSince: Date? = nil
        var lastSummary = ""
        let accounting = client.accountingEnabled()
        log.line("slurm run \(manifest.runId): \(configs.count) trials as job\(manifest.arrays.count == 1 ? "" : "s") "
                 + "\(manifest.arrays.joined(separator: ", ")); folder \(directory.url.path)")

        while results.count < configs.count {
            if interrupt?.isRaised == true {
                let jobs = manifest.arrays
                try cancelAll()
                throw SlurmInterrupted(runId: manifest.runId, jobs: jobs)
            }
            let done = directory.finishedIndices()
            for i in done.subtracting(results.keys) where i < configs.count {
                let r = (try? TrialResult.load(from: directory.result(i)))
                    ?? Self.errorResult(configs[i], "Slurm: the result file \(directory.result(i).path) is unreadable")
                results[i] = r
                log.end(manifest.tasks[i].label, r)
                try finished(i, r)
            }
            let open = (0..<configs.count).filter { results[$0] == nil }
            if open.isEmpty { break }

            let current = open.map { manifest.tasks[$0].jobs.last! }
            let arrays = Array(Set(current.map { String($0.split(separator: "_")[0]) })).sorted()
            var records: [String: SlurmClient.TaskRecord]
            do {
                records = try client.tasks(ofArrays: arrays)
                queryFailingSince = nil
            } catch {
                let since = queryFailingSince ?? Date()
                queryFailingSince = since
                if Date().timeIntervalSince(since) > policy.queryFailureLimitSeconds { throw error }
                log.line("  squeue failed (\(error)); retrying")
                interrupt?.sleep(policy.pollInterval) ?? Thread.sleep(forTimeInterval: policy.pollInterval)
                continue
            }
            let missing = current.filter { SlurmClient.record(of: $0, in: records)?.state.isFinal ?? true }
            if accounting, !missing.isEmpty, let acct = try? client.accountedTasks(ofArrays: arrays) {
                for (id, r) in acct where records[id] == nil { records[id] = r }
            }

            var counts: [String: Int] = [:]
            for i in open {
                let job = manifest.tasks[i].jobs.last!
                let label = manifest.tasks[i].label
                let status = directory.taskStatus(i)
                let ownStatus = status["job"] == job ? status : [:]
                var failure: SlurmTaskFailure? = nil
                let record = SlurmClient.record(of: job, in: records)
                if let r = record, !r.state.isFinal {
                    if r.state == .pending, slurmHopelessPendingReasons.contains(r.reason) {
                        try? client.cancel([job])
                        failure = .cannotStart(r.reason)
                    } else {
                        counts[r.state.isRunning ? "running" : "pending (\(r.reason))", default: 0] += 1
                        if r.state.isRunning, announced.insert(job).inserted { log.begin("\(label) as Slurm job \(job)") }
                        continue
                    }
                }
                guard let failure = failure ?? Self.failure(record: record, status: ownStatus) else {
                    counts["pending", default: 0] += 1
                    continue
                }
                if failure == .noResult {
                    // The result may still be on its way through a shared file system's cache.
                    let since = noResultSince[i] ?? Date()
                    noResultSince[i] = since
                    if Date().timeIntervalSince(since) < policy.resultGraceSeconds { counts["finishing", default: 0] += 1; continue }
                }
                if failure.isRetryable && manifest.tasks[i].jobs.count <= policy.maxRequeues {
                    let resume = hasCheckpoint(i)
                    try resubmit(i, grow: !resume)
                    let t = SlurmResources.formatTime(manifest.tasks[i].timeLimitSeconds)
                    log.line("↻ \(label): \(failure.summary) in job \(job); requeued as \(manifest.tasks[i].jobs.last!) "
                             + "with time limit \(t), \(resume ? "resuming from its checkpoint" : "starting over")")
                    counts["pending", default: 0] += 1
                    continue
                }
                var text = "Slurm job \(job): \(failure.summary)"
                if manifest.tasks[i].jobs.count > 1 { text += " (attempt \(manifest.tasks[i].jobs.count); earlier: \(manifest.tasks[i].jobs.dropLast().joined(separator: ", ")))" }
                let tail = directory.logTail(i)
                if case .exitCode = failure, !tail.isEmpty { text += "; log \(directory.log(i).path): \(tail)" }
                if failure == .noResult { text += "; log \(directory.log(i).path)" }
                manifest.tasks[i].failure = text
                try manifest.write(to: directory)
                let r = Self.errorResult(configs[i], text)
                results[i] = r
                log.end(label, r)
                try finished(i, r)
            }
            let summary = (counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" } + ["\(results.count) of \(configs.count) done"])
                .joined(separator: ", ")
            if summary != lastSummary { log.line("  slurm: \(summary)"); lastSummary = summary }
            if results.count < configs.count {
                interrupt?.sleep(policy.pollInterval) ?? Thread.sleep(forTimeInterval: policy.pollInterval)
            }
        }
        return (0..<configs.count).map { results[$0]! }
    }

    /// Why a task without a result ended: from Slurm's final record when there is one, else from the task's own
    /// status file (Slurm purged the record and there is no accounting). nil: not over yet.
    static func failure(record: SlurmClient.TaskRecord?, status: [String: String]) -> SlurmTaskFailure? {
        let rc = status["rc"].flatMap { Int($0) }
        if let record {
            return SlurmTaskFailure(state: record.state, exitCode: record.exitCode ?? rc)
        }
        switch status["state"] {
        case "EXITED"?: return rc == 0 ? .noResult : .exitCode(rc ?? 1)
        case "TERMINATED"?: return .other("terminated by SIGTERM (cancelled, time limit or requeue); Slurm no longer has its record")
        default: return .lost
        }
    }

    static func errorResult(_ c: TrialConfig, _ message: String) -> TrialResult {
        TrialResult(paper: c.paper, method: c.method.id, dataset: c.data.dataset, seed: c.seed, scale: c.scale.rawValue,
                    configHash: c.hash, error: message)
    }
}
