import Foundation
import Testing
import Engine
@testable import Harness

@Test func dataWorkloadRunsEverySizeAndPrintsOneJSONLine() throws {
    // The process's own thread setting: `run` applies it globally, and the tests alongside (bit-identical
    // resume checks) would see their summation order change mid-run under another one.
    var options = BenchRunner.Options(threads: 2)
    options.batchPerView = 4
    let result = BenchRunner(options: options).run(.data)
    guard case .data(let rows) = result else { Issue.record("expected data results, got \(result.text)"); return }
    #expect(rows.map(\.side) == [32, 96, 28] && rows.allSatisfy { $0.images == 4 * 8 && $0.views == 2 * $0.images })
    #expect(result.text.split(separator: "\n").count == 3)
    let line = result.json
    #expect(!line.contains("\n"))
    let decoded = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    #expect(decoded?["workload"] as? String == "data" && (decoded?["results"] as? [Any])?.count == 3)
}

@Test func peakRSSIsPositiveAndNeverFalls() {
    let before = PeakRSS.megabytes()
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 64 << 20)
    buffer.initialize(repeating: 1, count: 64 << 20)  // touch 64 MiB
    let after = PeakRSS.megabytes()
    buffer.deallocate()
    #expect(before > 0 && after >= before)
    #expect(PeakRSS.megabytes() >= after)
}
