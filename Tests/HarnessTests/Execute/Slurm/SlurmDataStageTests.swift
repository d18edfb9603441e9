import Foundation
import Testing
import Data
@testable import Harness

@Test func fashionMNISTIsStagedAsStoredGzipWithTheSameContent() throws {
    let run = SlurmRunDirectory(url: FileManager.default.temporaryDirectory.appendingPathComponent("stage-\(UUID().uuidString)"))
    try run.create()
    defer { try? FileManager.default.removeItem(at: run.url) }
    let root = DataCatalog(explicitRoot: nil).root
    let staged = try SlurmDataStage.stage(datasets: ["fashion-mnist"], root: root, run: run)
    #expect(staged == run.data)
    let source = FashionMNIST.directory(root: root)
    for name in FashionMNIST.allFileNames {
        let copy = staged.appendingPathComponent("fashion-mnist/\(name)")
        let bytes = try GzipFile.read(path: copy.path)
        #expect(bytes == (try GzipFile.read(path: source.appendingPathComponent(name).path)), "\(name)")
        // Stored blocks: the file is a gzip stream no smaller than its content, which any gzip tool reads.
        let header = try #require(FileHandle(forReadingAtPath: copy.path)?.readData(ofLength: 2))
        #expect(header == Data([0x1F, 0x8B]))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: copy.path)[.size] as? Int)
        #expect(size > bytes.count)
    }
    let test = try FashionMNIST.load(.test, root: staged)
    #expect(test == (try FashionMNIST.load(.test, root: root)))
}

@Test func uncompressedDataSetsAreReadWhereTheyAre() throws {
    let run = SlurmRunDirectory(url: FileManager.default.temporaryDirectory.appendingPathComponent("stage-\(UUID().uuidString)"))
    try run.create()
    defer { try? FileManager.default.removeItem(at: run.url) }
    let root = URL(fileURLWithPath: "/srv/datasets")
    #expect(try SlurmDataStage.stage(datasets: ["cifar10"], root: root, run: run) == root)
    #expect(try SlurmDataStage.stage(datasets: ["fashion-mnist", "cifar10"], root: root, run: run) == root)
    #expect(!FileManager.default.fileExists(atPath: run.data.path))
}
