import Foundation
import Testing
@testable import Harness

@Suite struct ReportWriterTests {
    func tempRoot() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("replicate-report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes the realistic sample report to a fixed temp folder (for a look in a browser) and checks it.
    @Test func sampleReportIsWrittenWithAllFourFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("replicate-sample-report")
        let record = ReportFixtures.everyVerdict()
        let dir = root.appendingPathComponent("align-uniform/\(record.runId)")
        try ReportWriter.write(record, to: dir)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ReportWriter.fileNames.sorted())
        // The record holds a NaN loss (diverged trial), so compare re-encoded bytes rather than values.
        #expect(try RunRecord.load(from: dir.appendingPathComponent("results.json")).jsonData() == record.jsonData())
        let html = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains(record.title))
        let summary = try String(contentsOf: dir.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("`stl10.contrastive.fc7-linear`"))
        try ReportIndex.write(reportsRoot: root)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("index.html").path))
    }

    @Test func rewritingReplacesTheFolderAndLeavesNoTemporaries() throws {
        let root = try tempRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("run")
        var record = ReportFixtures.everyVerdict()
        try ReportWriter.write(record, to: dir)
        try Data("stale".utf8).write(to: dir.appendingPathComponent("stale.txt"))
        record.title = "Second title"
        try ReportWriter.write(record, to: dir)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["run"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ReportWriter.fileNames.sorted())
        #expect(try RunRecord.load(from: dir.appendingPathComponent("results.json")).title == "Second title")
    }

    @Test func unwritableLocationIsAClearError() throws {
        let root = try tempRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("a-file")
        try Data().write(to: file)
        do {
            try ReportWriter.write(ReportFixtures.everyVerdict(), to: file.appendingPathComponent("run"))
            Issue.record("writing below a regular file succeeded")
        } catch let e as ReportError {
            #expect("\(e)".contains("a-file"))
        }
    }
}
