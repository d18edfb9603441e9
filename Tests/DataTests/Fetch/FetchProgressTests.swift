import Foundation
import Testing
@testable import Data

@Suite struct FetchProgressTests {
    final class Sink: @unchecked Sendable {
        private let lock = NSLock(); private var parts: [String] = []
        var all: [String] { lock.lock(); defer { lock.unlock() }; return parts }
        func add(_ s: String) { lock.lock(); parts.append(s); lock.unlock() }
    }

    /// One file of 1 MB, half of it received, then finished: what each style writes.
    func output(_ style: FetchProgress.Style) -> [String] {
        let sink = Sink()
        let progress = FetchProgress(style: style) { sink.add($0) }
        let file = progress.file("stl10_binary.tar.gz", from: URL(string: "http://127.0.0.1:1/stl10_binary.tar.gz")!)
        file.start(resumedAt: 0, total: 1_000_000)
        file.update(500_000)
        file.finish()
        return sink.all
    }

    @Test func aTerminalGetsBytesRateAndETARewrittenInPlace() {
        let out = output(.terminal)
        #expect(out.count == 2)
        #expect(out[0].hasPrefix("\r\u{1B}[Kstl10_binary.tar.gz: 500.0 kB of 1.0 MB (50%)  "))
        #expect(out[0].contains("/s  ETA ") && !out[0].hasSuffix("\n"))
        #expect(out[1].hasPrefix("\r\u{1B}[Kstl10_binary.tar.gz: 500.0 kB in ") && out[1].hasSuffix(" from http://127.0.0.1:1/stl10_binary.tar.gz\n"))
    }

    @Test func aLogGetsOneLinePerFile() {
        let out = output(.lines)
        #expect(out.count == 1)
        #expect(out[0].hasPrefix("stl10_binary.tar.gz: 500.0 kB in ") && out[0].hasSuffix("\n"))
    }

    @Test func quietWritesNothing() {
        #expect(output(.quiet).isEmpty)
    }

    @Test(arguments: [(Int64(999), "999 B"), (1_000, "1.0 kB"), (2_640_397_119, "2.6 GB")])
    func sizesAsDownloadPagesQuoteThem(bytes: Int64, text: String) {
        #expect(FetchProgress.size(bytes) == text)
    }
}
