import Foundation
import Testing
@testable import Data

@Suite struct ImageNetTests {
    /// CMC's imagenet100.txt (github.com/HobbitLong/CMC @ bc687a26): 100 lines, 1,000 bytes, this SHA-256.
    @Test func imageNet100IsCMCsList() throws {
        let ids = try ImageNet.imageNet100Classes()
        #expect(ids.count == 100 && ids.first == "n02869837" && ids.last == "n02090622")
        #expect(Checksum.sha256.hex(Array(ids.map { $0 + "\n" }.joined().utf8)) == "79f3f1552ccc478ce24bd934b4573625db584ddc1f4643ae23c994a94cb11397")
    }

    @Test func imageNet100ReadsOnlyTheListedClassesOfFullImageNetFolders() throws {
        let dir = try TempDir()
        let ids = try ImageNet.imageNet100Classes()
        let small = try JPEG.encode(gradientImage(height: 12, width: 16))
        for split in ["train", "val"] {
            for id in ids { try dir.write("imagenet100/\(split)/\(id)/\(id)_1.JPEG", small) }
            try dir.write("imagenet100/\(split)/n01440764/n01440764_1.JPEG", small)  // not in the list
        }
        let train = try DatasetCatalog.load("imagenet100", split: "train", root: dir.url, options: LoadOptions(imageSide: 8))
        #expect(train.count == 100 && train.classes == 100 && train.height == 8)
        #expect(train.labels == (0..<100).map(Int32.init))
        #expect(try DatasetCatalog.check("imagenet100", root: dir.url).state == .present)

        try FileManager.default.removeItem(atPath: dir.path("imagenet100/val/\(ids[7])"))
        let error = #expect(throws: DataError.self) { try ImageNet.load(.val, root: dir.url, subset: true, side: 8) }
        #expect(error?.description.contains(dir.path("imagenet100/val/\(ids[7])")) == true)
        #expect(error?.description.contains("image-net.org") == true)
    }
}
