import Foundation
import Testing
@testable import Harness

@Suite struct AtomicFilesTests {
    @Test func writeReplacesTheFileAndLeavesNoTemporary() throws {
        let scratch = try ScratchDir()
        let root = scratch.url
        let f = root.appendingPathComponent("a.txt")
        try AtomicFiles.write(Data("one".utf8), to: f)
        try AtomicFiles.write(Data("two".utf8), to: f)
        #expect(try String(contentsOf: f, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["a.txt"])
    }

    @Test func aFailingFillLeavesThePreviousFolderUntouched() throws {
        let scratch = try ScratchDir()
        let root = scratch.url
        let dir = root.appendingPathComponent("run")
        try AtomicFiles.replaceDirectory(dir) { try Data("v1".utf8).write(to: $0.appendingPathComponent("f")) }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try AtomicFiles.replaceDirectory(dir) { folder in
                try Data("half".utf8).write(to: folder.appendingPathComponent("f"))
                throw Boom()
            }
        }
        #expect(try String(contentsOf: dir.appendingPathComponent("f"), encoding: .utf8) == "v1")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["run"])
    }

    @Test func theFolderIsBuiltUnderAPartialName() throws {
        let scratch = try ScratchDir()
        let root = scratch.url
        var seen = ""
        try AtomicFiles.replaceDirectory(root.appendingPathComponent("run")) { seen = $0.lastPathComponent }
        #expect(seen.hasPrefix("run.partial-"))
        #expect(AtomicFiles.isTemporary(seen))
        #expect(!AtomicFiles.isTemporary("run"))
    }
}
