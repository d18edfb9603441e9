import Foundation
import Testing
@testable import Data

@Suite struct DataRootTests {
    @Test func explicitWins() {
        let url = DataRoot.resolve(explicit: "/a/b", environment: ["REPLICATE_DATA": "/c"])
        #expect(url.path == "/a/b")
    }

    @Test func environmentIsNext() {
        #expect(DataRoot.resolve(explicit: nil, environment: ["REPLICATE_DATA": "/c/d"]).path == "/c/d")
        #expect(DataRoot.resolve(explicit: "", environment: ["REPLICATE_DATA": "/c/d"]).path == "/c/d")
    }

    @Test func debianLocationIsTheDefault() {
        #expect(DataRoot.resolve(explicit: nil, environment: [:]).path == "/usr/share/datasets")
    }

    @Test func locatePrefersTheSubfolderThenTheRootItself() throws {
        let dir = try TempDir()
        // Neither: the canonical subfolder (so the missing file is reported there).
        #expect(DataRoot.locate(subfolder: "set", probe: "f.bin", in: dir.url).lastPathComponent == "set")
        try dir.write("f.bin", [1])
        #expect(DataRoot.locate(subfolder: "set", probe: "f.bin", in: dir.url).path == dir.url.path)
        try dir.write("set/g.bin", [1])
        #expect(DataRoot.locate(subfolder: "set", probe: "f.bin", in: dir.url).lastPathComponent == "set")
    }
}
