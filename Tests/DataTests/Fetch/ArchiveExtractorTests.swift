import Foundation
import Testing
@testable import Data

@Suite struct ArchiveExtractorTests {
    /// Links that stay inside the destination unpack (a zip, as Tiny ImageNet ships); their targets are kept.
    @Test(arguments: [TestArchive.Format.tarGz, .zip])
    func filesFoldersAndInwardLinksUnpack(_ format: TestArchive.Format) throws {
        let archive = try TestArchive.write([
            .folder("set"), .file("./set/a.bin", [1, 2, 3]), .folder("set/sub"),
            .symlink("set/sub/up", target: "../a.bin"),
        ], format: format)
        let dir = try TempDir()
        let path = try dir.write("in/archive", [UInt8](archive))
        let out = dir.url.appendingPathComponent("out")
        try ArchiveExtractor.extract(URL(fileURLWithPath: path), into: out)
        #expect(try Data(contentsOf: out.appendingPathComponent("set/a.bin")) == Data([1, 2, 3]))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out.appendingPathComponent("set/sub/up").path) == "../a.bin")
    }

    @Test(arguments: [
        ([String](), "x", true), (["a"], "../x", true), (["a"], "../../x", false), ([], "./../x", false),
        (["a", "b"], "../c/../../x", true), (["a"], "b/../../..", false),
    ])
    func aLinkStaysInsideOnlyIfItNeverClimbsAboveTheTop(base: [String], target: String, inside: Bool) {
        #expect(ArchiveExtractor.stays(inside: base, target: target) == inside)
    }

    @Test func aFileThatIsNoArchiveIsNamed() throws {
        let dir = try TempDir()
        let path = try dir.write("tiny-imagenet-200.zip", Array("not a zip".utf8))
        let error = #expect(throws: FetchError.self) {
            try ArchiveExtractor.extract(URL(fileURLWithPath: path), into: dir.url.appendingPathComponent("out"))
        }
        guard case .badArchive(let name, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(name == "tiny-imagenet-200.zip")
    }

    /// `only` picks what is written (ImageNet-100 unpacks 100 of the 1,000 per-class tars), yet every entry is
    /// still checked: an escaping entry stops the unpacking even when it would not be written.
    @Test func onlyTheChosenEntriesAreWrittenButEveryEntryIsChecked() throws {
        let dir = try TempDir()
        let archive = try TestArchive.write([.file("a.tar", [1]), .file("b.tar", [2]), .file("c.tar", [3])], format: .tar)
        let path = URL(fileURLWithPath: try dir.write("in/outer.tar", [UInt8](archive)))
        let out = dir.url.appendingPathComponent("out")
        try ArchiveExtractor.extract(path, into: out) { $0 != "b.tar" }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["a.tar", "c.tar"])

        let evil = try TestArchive.write([.file("a.tar", [1]), .file("../b.tar", [2])], format: .tar)
        let evilPath = URL(fileURLWithPath: try dir.write("in/evil.tar", [UInt8](evil)))
        let error = #expect(throws: FetchError.self) {
            try ArchiveExtractor.extract(evilPath, into: dir.url.appendingPathComponent("out2"), name: "evil.tar in outer.tar") { _ in false }
        }
        #expect(error == .unsafeEntry(archive: "evil.tar in outer.tar", entry: "../b.tar"))
    }
}
