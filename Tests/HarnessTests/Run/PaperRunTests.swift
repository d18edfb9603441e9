import Testing
import Engine
import Foundation
@testable import Harness

@Suite(.serialized) struct PaperRunTests {
    @Test func aRunWritesValidEscapedReportsAndTheStoreRebuildsThemExactly() throws {
        let root = try TinyPaper.make()
        defer { try? FileManager.default.removeItem(at: root) }
        var options = RunOptions(specRoot: root, reportsRoot: root.appendingPathComponent("reports"))
        options.quiet = true
        let jsonl = root.appendingPathComponent("log.jsonl")
        let log = try ProgressLog(quiet: true, jsonLines: jsonl)
        let store = try HistoryStore(url: options.storeURL)
        let (record, dir) = try PaperRun(options: options, log: log).run(paper: "tiny", data: DataCatalog(explicitRoot: nil), store: store)

        #expect(record.trials.count == 4 && record.trials.allSatisfy { $0.error == nil && $0.steps == 8 })
        #expect(record.claims.contains { $0.id == "sanity.finite" && $0.verdict == .reproduced })
        // kNN and few-label produce their metrics (and the forced re-run below shows they are deterministic).
        for t in record.trials {
            for name in ["knn5-output.top1", "knn5-output.top5", "few.top1", "few.top1_std"] {
                let v = try #require(t.metrics[name], "\(name) missing")
                #expect(v >= 0 && v <= 1)
            }
            #expect(try #require(t.metrics["knn5-output.top5"]) >= t.metrics["knn5-output.top1"]!)
        }
        for name in ReportWriter.fileNames { #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path)) }

        // JUnit: valid against the shared schema.
        let junit = try String(contentsOf: dir.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(try JUnitValidator.validate(xml: junit, xsdAt: ReportFixtures.junitXSD) == [])

        // HTML: the hostile spec text is shown as text, and created no element or handler.
        let html = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(html.range(of: "<svg onload", options: .caseInsensitive) == nil && !html.contains("<img src=x"))
        let doc = try #require(LibXML.parseHTML(html))
        #expect(!doc.allElements.contains { ["script", "img"].contains($0.name ?? "") })
        #expect(!doc.allElements.contains { $0.attributes.contains { $0.name.lowercased().hasPrefix("on") } })
        #expect(doc.elements(named: "h1").first?.textContent == TinyPaper.hostileTitle)
        for s in [TinyPaper.hostileTitle, TinyPaper.hostileQuote, TinyPaper.hostileLabel] {
            #expect(doc.textContent.contains(s), "lost: \(s)")
        }

        // reports/index.html lists the run; the store rebuilds byte-identical files.
        let index = try String(contentsOf: options.reportsRoot.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains(record.runId))
        let rebuilt = try #require(try store.record(runId: record.runId))
        let again = root.appendingPathComponent("rebuilt")
        try ReportWriter.write(rebuilt, to: again)
        for name in ReportWriter.fileNames {
            let same = try Data(contentsOf: dir.appendingPathComponent(name)) == Data(contentsOf: again.appendingPathComponent(name))
            #expect(same, "\(name) differs")
        }

        // JSON lines: one object per line, the trial events and the run's verdicts.
        let events = try String(contentsOf: jsonl, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(events.filter { $0["event"] as? String == "end" }.count == 4)
        #expect(events.filter { $0["event"] as? String == "step" }.count == 4 * 8)
        #expect(events.last?["event"] as? String == "run" && events.last?["run_id"] as? String == record.runId)
        // Each trial notes where its evaluation time went, every evaluation by its id.
        let timings = events.compactMap { $0["text"] as? String }.filter { $0.contains(": evaluated in ") }
        #expect(timings.count == 4)
        for t in timings {
            for id in ["retrieval", "geometry", "linear-encoder", "knn5-output", "few"] { #expect(t.contains(" \(id) "), "\(t)") }
        }

        // A second run reuses every trial; --force trains them again, to the same numbers.
        let (second, _) = try PaperRun(options: options, log: log).run(paper: "tiny", data: DataCatalog(explicitRoot: nil), store: store)
        #expect(second.runId != record.runId)
        let reusedSame = try second.trials.map(resultBytes) == record.trials.map(resultBytes)
        #expect(reusedSame)
        #expect(second.trials.map(\.wallSeconds) == record.trials.map(\.wallSeconds))  // the stored results themselves
        let reused = try String(contentsOf: jsonl, encoding: .utf8).components(separatedBy: "\"event\":\"reused\"").count - 1
        #expect(reused == 4)
        options.force = true
        let (forced, _) = try PaperRun(options: options, log: log).run(paper: "tiny", data: DataCatalog(explicitRoot: nil), store: store)
        let forcedSame = try forced.trials.map(resultBytes) == record.trials.map(resultBytes)
        #expect(forcedSame)
        #expect(forced.trials.map(\.wallSeconds) != record.trials.map(\.wallSeconds))
        #expect(try store.runs(paper: "tiny").count == 3)
    }

    @Test func twoConcurrentProcessesShareTheStoreWithoutHarm() throws {
        let root = try TinyPaper.make(steps: 4)
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = TinyPaper.binary
        try #require(FileManager.default.isExecutableFile(atPath: bin.path), "no replicate binary at \(bin.path)")
        let args = ["--paper", "tiny", "--root", root.path, "--reports", "reports", "--quiet"]
        let a = try Child(bin, args, in: root), b = try Child(bin, args, in: root)
        let codes = [a.wait(), b.wait()]
        #expect(codes.allSatisfy { $0 == 0 || $0 == 1 }, "\(a.errors)\n\(b.errors)")
        let store = try HistoryStore(url: root.appendingPathComponent("reports/history.sqlite"))
        #expect(try store.integrityCheck() == ["ok"])
        let runs = try store.runs(paper: "tiny")
        #expect(runs.count == 2 && Set(runs.map(\.id)).count == 2)
        let index = try String(contentsOf: root.appendingPathComponent("reports/index.html"), encoding: .utf8)
        for run in runs {
            let dir = root.appendingPathComponent("reports/tiny/\(run.id)")
            let record = try RunRecord.load(from: dir.appendingPathComponent("results.json"))
            #expect(record.runId == run.id && record.trials.count == 4)
            // The engine's threads come from this process's CPU limits (the child inherits them), and the
            // record names them, the BLAS core, the ISA and what the bits depend on.
            let host = HostResources.current()
            #expect(record.environment["blas.threads"] == "\(host.workers)")
            #expect(record.environment["engine.workers"] == "\(host.workers) (host: \(host.source))")
            #expect(record.environment["blas.core"]?.hasPrefix(BLASCore.inUse) == true)
            #expect(record.environment["cpu.isa"] == CPUFeatures.current().isa)
            #expect(record.environment["blas.selfcheck"]?.hasPrefix("passed") == true)
            #expect(record.environment["determinism"]?.contains("workers (\(host.workers))") == true)
            #expect(index.contains(run.id))
            let same = try store.record(runId: run.id)?.jsonData() == record.jsonData()
            #expect(same)
        }
        // No temporary folders or files left in the reports tree.
        let leftovers = FileManager.default.enumerator(atPath: root.appendingPathComponent("reports").path)?
            .compactMap { $0 as? String }.filter { AtomicFiles.isTemporary($0) } ?? []
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
