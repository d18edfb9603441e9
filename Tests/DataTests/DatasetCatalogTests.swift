import Foundation
import Testing
@testable import Data

@Suite struct DatasetCatalogTests {
    @Test func knowsEveryDataSetASpecCanName() throws {
        #expect(DatasetCatalog.names == ["fashion-mnist", "cifar10", "cifar100", "stl10", "tiny-imagenet", "imagenet100", "imagenet"])
        #expect(throws: DataError.unknownDataset(name: "mnist", known: DatasetCatalog.names)) {
            try DatasetCatalog.entry(named: "mnist")
        }
        #expect(try DatasetCatalog.entry(named: "cifar10").files.count == 6)
        #expect(try DatasetCatalog.entry(named: "stl10").files.first { $0.name == "unlabeled_X.bin" }?.bytes == 2_764_800_000)
    }

    @Test func realFashionMNISTIsPresentAndLoadsByName() throws {
        let status = try DatasetCatalog.check("fashion-mnist", root: systemRoot, deep: true)
        #expect(status.state == .present)
        #expect(status.files.count == 4 && status.files.allSatisfy { $0.bytes != nil && $0.sha256 == nil })
        #expect(status.summary.hasPrefix("fashion-mnist: present"))
        #expect(try DatasetCatalog.load("fashion-mnist", split: "test", root: systemRoot).count == 10_000)
        #expect(throws: DataError.self) { try DatasetCatalog.load("fashion-mnist", split: "val", root: systemRoot) }
    }

    @Test func checksumsAreTheFilesSHA256() throws {
        let dir = try TempDir()
        for (k, name) in FashionMNIST.allFileNames.enumerated() { try dir.write("fashion-mnist/\(name)", testBytes(1000 + k, seed: UInt64(k))) }
        let status = try DatasetCatalog.check("fashion-mnist", root: dir.url, checksums: true)
        #expect(status.files.count == 4)
        for f in status.files { #expect(f.sha256 == (try Checksum.sha256.hex(file: f.path))) }
        #expect(Set(status.files.compactMap(\.sha256)).count == 4)
    }

    @Test func absentDataSetReportsTheMissingFile() throws {
        let dir = try TempDir()
        let status = try DatasetCatalog.check("cifar100", root: dir.url)
        guard case let .absent(error) = status.state else { Issue.record("expected absent, got \(status.state)"); return }
        #expect(error.description.contains(dir.path("cifar-100-binary/train.bin")))
        #expect(status.summary.contains("cifar-100-binary.tar.gz"))
    }

    @Test func wrongSizeIsCorruptAndDeepCheckCatchesBadContent() throws {
        let dir = try TempDir()
        try dir.write("cifar-100-binary/train.bin", [1, 2, 3])
        try dir.write("cifar-100-binary/test.bin", [])
        guard case let .corrupt(e) = try DatasetCatalog.check("cifar100", root: dir.url).state else {
            Issue.record("expected corrupt"); return
        }
        #expect(e.description.contains("153700000 bytes"))

        // Right sizes but a Fashion-MNIST file that is not gzip/IDX: only the deep check sees it.
        let fm = try TempDir()
        for name in FashionMNIST.allFileNames { try fm.write("fashion-mnist/\(name)", [0, 0, 8, 3]) }
        #expect(try DatasetCatalog.check("fashion-mnist", root: fm.url).state == .present)
        guard case .corrupt = try DatasetCatalog.check("fashion-mnist", root: fm.url, deep: true).state else {
            Issue.record("deep check missed a corrupt file"); return
        }
    }

    @Test func publishedMD5sAreComparedWhereThePublisherListsThem() throws {
        let status = try DatasetCatalog.check("fashion-mnist", root: systemRoot, checksums: true)
        #expect(status.files.allSatisfy { $0.publishedMD5 != nil && $0.md5 != nil && $0.sha256 != nil })
        for f in status.files { #expect(f.md5 == (try Checksum.md5.hex(file: f.path))) }
        #expect(try DatasetCatalog.entry(named: "stl10").publishedMD5.count == 5)
        #expect(try DatasetCatalog.entry(named: "cifar10").checksumNote.contains("c32a1d4ab5d03f1284b67883e8d87530"))

        let dir = try TempDir()
        try dir.write("stl10_binary/train_y.bin", [])
        let stl = try DatasetCatalog.check("stl10", root: dir.url, checksums: true)
        let y = try #require(stl.files.first { $0.path.hasSuffix("train_y.bin") })
        #expect(y.md5 == "d41d8cd98f00b204e9800998ecf8427e" && y.matchesPublished == false)
        #expect(stl.files.first { $0.path.hasSuffix("test_X.bin") }?.matchesPublished == nil)
    }

    @Test func tinyImageNetPresenceAndDeepCheck() throws {
        let dir = try TempDir()
        guard case .absent = try DatasetCatalog.check("tiny-imagenet", root: dir.url).state else {
            Issue.record("expected absent"); return
        }
        try writeTinyImageNet(dir)
        #expect(try DatasetCatalog.check("tiny-imagenet", root: dir.url).state == .present)
        // The copy is small: the deep check loads it against the official counts and calls it corrupt.
        guard case .corrupt = try DatasetCatalog.check("tiny-imagenet", root: dir.url, deep: true).state else {
            Issue.record("expected corrupt against the official counts"); return
        }
    }
}
