import Foundation
import Testing
@testable import Data

/// Fetches from a real HTTP server on 127.0.0.1 (a mirror holding archives under their official names),
/// unpacked with libarchive into a temporary data root. No test reaches another host.
@Suite(.timeLimit(.minutes(3)))  // a hang guard only: every test finishes in seconds
struct DatasetFetcherTests {
    /// Collected progress lines (the non-terminal style: one line per file).
    final class Lines: @unchecked Sendable {
        private let lock = NSLock(); private var text = ""
        var all: String { lock.lock(); defer { lock.unlock() }; return text }
        func append(_ s: String) { lock.lock(); text += s; lock.unlock() }
    }

    func fetcher(_ root: URL, mirror: URL?, from: URL? = nil, timeout: TimeInterval = 30,
                 table: ArchiveTable = OfficialArchives.table(), lines: Lines = Lines()) -> DatasetFetcher {
        DatasetFetcher(options: FetchOptions(root: root, mirror: mirror, from: from, timeout: timeout, table: table),
                       progress: FetchProgress(style: .lines) { lines.append($0) })
    }

    final class Box<T>: @unchecked Sendable { var value: T? }

    func contents(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    @Test func fetchesCIFAR10ThroughAMirrorAndItReadsDeep() throws {
        let server = try LoopbackHTTPServer(routes: ["cifar-10-binary.tar.gz": .file(OfficialArchives.cifar10)])
        defer { server.stop() }
        let root = try TempDir()
        let lines = Lines()
        #expect(try fetcher(root.url, mirror: server.baseURL, lines: lines).fetch(["cifar10"]) == ["cifar10"])
        #expect(server.requests == [.init(path: "cifar-10-binary.tar.gz", range: nil)])
        let status = try DatasetCatalog.check("cifar10", root: root.url, deep: true)
        #expect(status.state == .present)
        #expect(status.directory.path == root.path("cifar-10-batches-bin"))
        // The verified archive is kept; nothing else is left behind (no .part, no staging folder).
        #expect(contents(root.url) == ["archives", "cifar-10-batches-bin"])
        #expect(contents(root.url.appendingPathComponent("archives")) == ["cifar-10-binary.tar.gz"])
        #expect(lines.all.contains("cifar-10-binary.tar.gz: \(FetchProgress.size(Int64(OfficialArchives.cifar10.count))) in "))
        #expect(lines.all.contains("from \(server.baseURL.absoluteString)cifar-10-binary.tar.gz\n"))

        // A verified data set is not downloaded again.
        #expect(try fetcher(root.url, mirror: server.baseURL).fetch(["cifar10"]) == [])
        #expect(server.requests.count == 1)
    }

    @Test func fetchesFashionMNISTFilesAndTinyImageNetsZip() throws {
        let server = try LoopbackHTTPServer(routes: OfficialArchives.routes(OfficialArchives.fashionMNIST
            .merging(["tiny-imagenet-200.zip": OfficialArchives.tinyImageNet]) { a, _ in a }))
        defer { server.stop() }
        let root = try TempDir()
        try fetcher(root.url, mirror: server.baseURL).fetch(["fashion-mnist", "tiny-imagenet"])
        #expect(try DatasetCatalog.check("fashion-mnist", root: root.url, deep: true).state == .present)
        #expect(try DatasetCatalog.check("tiny-imagenet", root: root.url).state == .present)
        let small = TinyImageNet.Counts(classes: 3, trainPerClass: 2, val: 4, test: 2)
        #expect(try TinyImageNet.load(.val, root: root.url, counts: small).count == 4)
        #expect(Set(server.requests.map(\.path)) == Set(FashionMNIST.allFileNames + ["tiny-imagenet-200.zip"]))
    }

    @Test func aDownloadCutOffHalfWayResumesWithARangeRequest() throws {
        let archive = OfficialArchives.cifar10
        let half = archive.count / 2
        let server = try LoopbackHTTPServer(routes: ["cifar-10-binary.tar.gz": .cutOnce(archive, bytes: half)])
        defer { server.stop() }
        let root = try TempDir()
        let part = root.path("archives/cifar-10-binary.tar.gz.part")
        let error = #expect(throws: FetchError.self) { try fetcher(root.url, mirror: server.baseURL).fetch(["cifar10"]) }
        guard case .cutOff(_, let kept, let received, let expected)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(kept == part && received == Int64(half) && expected == Int64(archive.count))
        #expect(error!.description.contains("run the same command again to resume"))
        #expect(BinaryFile.size(part) == half)
        #expect(!contents(root.url).contains("cifar-10-batches-bin"))

        try fetcher(root.url, mirror: server.baseURL).fetch(["cifar10"])
        #expect(server.requests.map(\.range) == [nil, "bytes=\(half)-"])
        #expect(try DatasetCatalog.check("cifar10", root: root.url, deep: true).state == .present)
        #expect(BinaryFile.size(part) == nil)
    }

    /// A moved file is followed, and the resumed request keeps its range through the redirect.
    @Test func aRedirectIsFollowedAndTheResumeKeepsItsRange() throws {
        let archive = OfficialArchives.cifar10
        let half = archive.count / 2
        let server = try LoopbackHTTPServer(routes: ["cifar-10-binary.tar.gz": .moved(to: "files/cifar-10-binary.tar.gz"),
                                                     "files/cifar-10-binary.tar.gz": .cutOnce(archive, bytes: half)])
        defer { server.stop() }
        let root = try TempDir()
        #expect(throws: FetchError.self) { try fetcher(root.url, mirror: server.baseURL).fetch(["cifar10"]) }
        try fetcher(root.url, mirror: server.baseURL).fetch(["cifar10"])
        #expect(server.requests == [.init(path: "cifar-10-binary.tar.gz", range: nil), .init(path: "files/cifar-10-binary.tar.gz", range: nil),
                                    .init(path: "cifar-10-binary.tar.gz", range: "bytes=\(half)-"),
                                    .init(path: "files/cifar-10-binary.tar.gz", range: "bytes=\(half)-")])
        #expect(try DatasetCatalog.check("cifar10", root: root.url).state == .present)
    }

    @Test func aCorruptedArchiveIsKeptAsideAndNothingIsUnpacked() throws {
        var bad = OfficialArchives.cifar10
        bad[bad.count / 2] ^= 0xFF
        let server = try LoopbackHTTPServer(routes: ["cifar-10-binary.tar.gz": .file(bad)])
        defer { server.stop() }
        let root = try TempDir()
        let error = #expect(throws: FetchError.self) { try fetcher(root.url, mirror: server.baseURL).fetch(["cifar10"]) }
        let expected = Checksum.md5.hex([UInt8](OfficialArchives.cifar10)), found = Checksum.md5.hex([UInt8](bad))
        let kept = root.path("archives/cifar-10-binary.tar.gz.checksum-mismatch")
        #expect(error == .checksumMismatch(file: "cifar-10-binary.tar.gz", expected: expected, found: found, keptAt: kept,
                                           url: server.baseURL.absoluteString + "cifar-10-binary.tar.gz"))
        #expect(error?.description.contains("expected md5 \(expected), found \(found)") == true)
        #expect(contents(root.url) == ["archives"])
        #expect(contents(root.url.appendingPathComponent("archives")) == ["cifar-10-binary.tar.gz.checksum-mismatch"])
    }

    /// Entries that would land outside the data set's folder, each in an otherwise proper CIFAR-10 archive.
    @Test(arguments: [
        TestArchive.Entry.file("../escaped.txt", Array("x".utf8)),
        .file("cifar-10-batches-bin/../../escaped.txt", Array("x".utf8)),
        .file("/tmp/replicate-escaped-absolute.txt", Array("x".utf8)),
        .symlink("cifar-10-batches-bin/link", target: "../../escaped.txt"),
        .symlink("cifar-10-batches-bin/abs", target: "/etc"),
    ])
    func anArchiveEntryEscapingTheRootStopsTheUnpacking(_ evil: TestArchive.Entry) throws {
        let archive = try TestArchive.write([.folder("cifar-10-batches-bin"), evil,
                                             .file("cifar-10-batches-bin/test_batch.bin", [1, 2, 3])], format: .tarGz)
        let server = try LoopbackHTTPServer(routes: ["cifar-10-binary.tar.gz": .file(archive)])
        defer { server.stop() }
        let outer = try TempDir()
        let root = outer.url.appendingPathComponent("data")
        let table = OfficialArchives.table(["cifar-10-binary.tar.gz": archive])
        let error = #expect(throws: FetchError.self) { try fetcher(root, mirror: server.baseURL, table: table).fetch(["cifar10"]) }
        guard case .unsafeEntry(let name, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(name == "cifar-10-binary.tar.gz")
        #expect(contents(outer.url) == ["data"])
        #expect(!FileManager.default.fileExists(atPath: "/tmp/replicate-escaped-absolute.txt"))
        #expect(contents(root) == ["archives"])  // no data set folder, no staging folder
    }

    @Test func aMissingFileIsAnHTTPErrorNamingTheURL() throws {
        let server = try LoopbackHTTPServer(routes: [:])
        defer { server.stop() }
        let root = try TempDir()
        let error = #expect(throws: FetchError.self) { try fetcher(root.url, mirror: server.baseURL).fetch(["cifar10"]) }
        let url = server.baseURL.absoluteString + "cifar-10-binary.tar.gz"
        #expect(error == .http(url: url, status: 404))
        #expect(error?.description.hasPrefix("cannot download \(url): HTTP 404") == true)
        #expect(contents(root.url.appendingPathComponent("archives")) == [])
    }

    /// Runs `body` on its own thread and gives up waiting after `seconds` (a hang guard far above the 1 s
    /// timeout under test: a blocked download cannot be cancelled, so the suite's time limit alone would hang).
    func finishes<T>(within seconds: Double, _ body: @escaping () -> T) -> T? {
        let done = DispatchSemaphore(value: 0), box = Box<T>()
        Thread { box.value = body(); done.signal() }.start()
        return done.wait(timeout: .now() + seconds) == .success ? box.value : nil
    }

    @Test func aServerThatNeverAnswersTimesOut() throws {
        let server = try LoopbackHTTPServer(routes: ["cifar-10-binary.tar.gz": .silent])
        defer { server.stop() }
        let root = try TempDir()
        let fetcher = fetcher(root.url, mirror: server.baseURL, timeout: 1)
        let outcome = finishes(within: 60) { Result { try fetcher.fetch(["cifar10"]) } }
        guard let outcome else { Issue.record("the fetch did not end within 60 s: a hang, not a timeout"); return }
        guard case .failure(let e) = outcome, let error = e as? FetchError else { Issue.record("no FetchError: \(outcome)"); return }
        #expect(error == .unreachable(url: server.baseURL.absoluteString + "cifar-10-binary.tar.gz", reason: "no answer (timed out)"))
        #expect(error.description.contains("--mirror URL"))
    }

    @Test func aHostThatRefusesIsUnreachableAndTheMessageNamesTheMirrorOption() throws {
        let server = try LoopbackHTTPServer(routes: [:])
        let closed = server.baseURL
        server.stop()  // its port now refuses connections
        let root = try TempDir()
        let error = #expect(throws: FetchError.self) { try fetcher(root.url, mirror: closed).fetch(["cifar10"]) }
        guard case .unreachable? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(error!.description.contains("--mirror URL (or $REPLICATE_DATA_MIRROR)"))
    }

    @Test func anArchiveLargerThanTheFreeSpaceIsRefusedBeforeItsFirstByte() throws {
        let server = try LoopbackHTTPServer(routes: ["cifar-10-binary.tar.gz": .announces(length: 1 << 60)])
        defer { server.stop() }
        let root = try TempDir()
        let error = #expect(throws: FetchError.self) { try fetcher(root.url, mirror: server.baseURL).fetch(["cifar10"]) }
        guard case .diskFull(let path, let needed, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(path == root.url.path && needed == 2 << 60)
        #expect(BinaryFile.size(root.path("archives/cifar-10-binary.tar.gz.part")) == nil)
    }

    @Test func archivesAlreadyDownloadedAreTakenFromAFolder() throws {
        let from = try TempDir()
        try from.write("cifar-10-binary.tar.gz", [UInt8](OfficialArchives.cifar10))
        let root = try TempDir()
        try fetcher(root.url, mirror: nil, from: from.url).fetch(["cifar10"])
        #expect(try DatasetCatalog.check("cifar10", root: root.url).state == .present)

        // A staging folder left by a run killed while unpacking goes; one of a live process stays.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run(); ended.waitUntilExit()
        let abandoned = try root.write(".staging-tiny-imagenet-\(ended.processIdentifier)/tiny-imagenet-200/wnids.txt", [1])
        let live = try root.write(".staging-tiny-imagenet-1/tiny-imagenet-200/wnids.txt", [1])  // pid 1 is alive
        try from.write("tiny-imagenet-200.zip", [UInt8](OfficialArchives.tinyImageNet))
        try fetcher(root.url, mirror: nil, from: from.url).fetch(["tiny-imagenet"])
        #expect(!FileManager.default.fileExists(atPath: abandoned) && FileManager.default.fileExists(atPath: live))

        // A wrong file there is named, and left where it is.
        try from.write("tiny-imagenet-200.zip", [1, 2, 3])
        let other = try TempDir()
        let error = #expect(throws: FetchError.self) { try fetcher(other.url, mirror: nil, from: from.url).fetch(["tiny-imagenet"]) }
        #expect(error == .checksumMismatch(file: from.path("tiny-imagenet-200.zip"), expected: Checksum.md5.hex([UInt8](OfficialArchives.tinyImageNet)),
                                           found: Checksum.md5.hex([UInt8]([1, 2, 3])), keptAt: nil, url: nil))
        #expect(BinaryFile.size(from.path("tiny-imagenet-200.zip")) == 3)
    }

    @Test(arguments: ["imagenet", "imagenet100"])
    func imageNetNeedsALoginSoOnlyFrom(_ name: String) throws {
        let root = try TempDir()
        let error = #expect(throws: FetchError.self) { try fetcher(root.url, mirror: nil).fetch([name]) }
        #expect(error?.description.contains("login") == true)
        #expect(error?.description.contains("replicate data fetch \(name) --from DIR") == true)
        #expect(error?.description.contains("ILSVRC2012_img_train.tar") == true)
    }

    @Test func anUnwritableRootIsRefusedBeforeAnyDownload() throws {
        let root = try TempDir()
        let file = try root.write("not-a-folder", [1])
        let error = #expect(throws: FetchError.self) {
            try fetcher(URL(fileURLWithPath: file).appendingPathComponent("data"), mirror: nil).fetch(["cifar10"])
        }
        guard case .notWritable? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(error!.description.contains("choose a writable --data-root"))
    }

    @Test func officialTableUsesPublishedLocationsAndAMirrorUsesOfficialNames() throws {
        let official = ArchiveTable.official
        let cifar = try official.source("cifar10").archives[0]
        #expect(cifar.url.absoluteString == "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")
        #expect(cifar.md5 == "c32a1d4ab5d03f1284b67883e8d87530")
        #expect(cifar.location(mirror: URL(string: "https://m.example/data")!).absoluteString == "https://m.example/data/cifar-10-binary.tar.gz")
        // Every data set the catalog knows has a source, and every published per-file MD5 agrees with the catalog's.
        #expect(Set(official.sources.keys) == Set(DatasetCatalog.names))
        for a in try official.source("fashion-mnist").archives {
            #expect(try DatasetCatalog.entry(named: "fashion-mnist").publishedMD5[a.fileName] == a.md5)
        }
    }
}
