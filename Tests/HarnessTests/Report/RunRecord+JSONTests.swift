import Foundation
import Testing
@testable import Harness

@Suite struct RunRecordJSONTests {
    func json(_ r: RunRecord) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: try r.jsonData()) as? [String: Any])
    }

    @Test func roundTripsExactly() throws {
        var record = ReportFixtures.everyVerdict()
        record.trials = record.trials.filter { $0.error == nil }   // NaN != NaN; covered separately
        let back = try RunRecord.decode(try record.jsonData(), path: "results.json")
        #expect(back == record)
        #expect(back.startedAt == ReportFixtures.started)   // milliseconds survive
    }

    @Test func isPrettySortedWithISODatesAndVersion() throws {
        let text = String(decoding: try ReportFixtures.everyVerdict().jsonData(), as: UTF8.self)
        #expect(text.contains("\n  \"checklist\""))
        #expect(text.contains("\"startedAt\" : \"2024-05-01T12:00:00.250Z\""))
        #expect(text.contains("\"schemaVersion\" : 1"))
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == keys.sorted())
        #expect(text.hasSuffix("}\n"))
    }

    @Test func nonFiniteNumbersAreStoredAsStrings() throws {
        let record = ReportFixtures.everyVerdict()
        let text = String(decoding: try record.jsonData(), as: UTF8.self)
        #expect(text.contains("\"nan\""))
        let back = try RunRecord.decode(try record.jsonData(), path: "results.json")
        #expect(back.trials[8].curves["loss"]?.last?.isNaN == true)
        #expect(back.trials[8].curves["loss"]?.dropLast() == [4.8, 4.6, 4.9])
    }

    @Test(arguments: [2, 0, 99])
    func unknownSchemaVersionIsRejected(version: Int) throws {
        var obj = try json(ReportFixtures.everyVerdict())
        obj["schemaVersion"] = version
        let data = try JSONSerialization.data(withJSONObject: obj)
        #expect(throws: ReportError.unsupportedSchemaVersion(path: "/r/results.json", found: version, supported: 1)) {
            try RunRecord.decode(data, path: "/r/results.json")
        }
        let message = "\(ReportError.unsupportedSchemaVersion(path: "/r/results.json", found: version, supported: 1))"
        #expect(message.contains("/r/results.json") && message.contains("schemaVersion \(version)") && message.contains("reads schemaVersion 1"))
    }

    @Test func missingSchemaVersionIsRejected() throws {
        var obj = try json(ReportFixtures.everyVerdict())
        obj.removeValue(forKey: "schemaVersion")
        let data = try JSONSerialization.data(withJSONObject: obj)
        #expect(throws: ReportError.unsupportedSchemaVersion(path: "x.json", found: nil, supported: 1)) {
            try RunRecord.decode(data, path: "x.json")
        }
    }

    @Test func aMissingFieldNamesItsPath() throws {
        var obj = try json(ReportFixtures.everyVerdict())
        var claims = obj["claims"] as! [[String: Any]]
        claims[2].removeValue(forKey: "verdict")
        obj["claims"] = claims
        let data = try JSONSerialization.data(withJSONObject: obj)
        #expect(throws: ReportError.unreadableRecord(path: "x.json", reason: "missing field claims.[2].verdict")) {
            try RunRecord.decode(data, path: "x.json")
        }
    }

    @Test func garbageAndMissingFilesAreClearErrors() throws {
        #expect(throws: ReportError.self) { try RunRecord.decode(Data("not json".utf8), path: "x.json") }
        do { _ = try RunRecord.load(from: URL(fileURLWithPath: "/nonexistent/results.json")) } catch {
            #expect("\(error)".hasPrefix("/nonexistent/results.json: cannot read run record"))
        }
    }
}
