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
}
