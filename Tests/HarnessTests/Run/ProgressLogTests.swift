import Foundation
import Testing
@testable import Harness

struct ProgressLogTests {
    @Test func jsonLinesGoToAFileInAFolderThatDidNotExist() throws {
        let scratch = try ScratchDir()
        let dir = scratch.url
        let url = dir.appendingPathComponent("logs/nightly/log.jsonl")
        do {
            let log = try ProgressLog(quiet: true, jsonLines: url)
            log.begin("tiny simclr seed 0", configHash: "abc")
            log.line("a note")
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["event"] as? String == "begin" && first["config_hash"] as? String == "abc")
        let second = try #require(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["event"] as? String == "note" && second["text"] as? String == "a note")
    }

    @Test func aLogThatCannotBeCreatedIsAUserError() throws {
        let scratch = try ScratchDir()
        let dir = scratch.url
        let file = dir.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        // A regular file where the folder should be: nothing can be created under it.
        #expect(throws: LogFileError.self) { try ProgressLog(quiet: true, jsonLines: file.appendingPathComponent("log.jsonl")) }
    }

    @Test("durations read as minutes and seconds, or hours and minutes",
          arguments: [(0.0, "0m00s"), (59.4, "0m59s"), (61, "1m01s"), (3600, "1h00m"), (7322, "2h02m")])
    func durations(seconds: Double, text: String) {
        #expect(ProgressLog.duration(seconds) == text)
    }
}
