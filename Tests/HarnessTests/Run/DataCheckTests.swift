import Foundation
import Testing
import Data
@testable import Harness

@Suite struct DataCheckTests {
    @Test func tableListsPresentAbsentAndCorruptWithChecksums() throws {
        let dir = try ScratchDir()
        // Fashion-MNIST present (copied from Debian's package), STL-10 labels corrupt by size, the rest absent.
        let fm = dir.url.appendingPathComponent("fashion-mnist")
        try FileManager.default.copyItem(atPath: "/usr/share/datasets/fashion-mnist", toPath: fm.path)
        let stl = dir.url.appendingPathComponent("stl10_binary")
        try FileManager.default.createDirectory(at: stl, withIntermediateDirectories: true)
        for name in ["train_X.bin", "train_y.bin", "test_X.bin", "test_y.bin", "unlabeled_X.bin"] {
            try Data([1, 2, 3]).write(to: stl.appendingPathComponent(name))
        }
        let catalog = DataCatalog(explicitRoot: dir.url.path, environment: [:])
        let result = try DataCheck.run(catalog: catalog, deep: false, checksums: true)
        #expect(result.statuses.map(\.name) == DatasetCatalog.names)
        #expect(result.corrupt == ["stl10"])
        let lines = result.text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "data root: \(dir.url.path) (--data-root)")
        #expect(lines.contains { $0.hasPrefix("fashion-mnist  present  \(fm.path)") })
        #expect(lines.contains { $0.hasPrefix("cifar10        absent   CIFAR-10: missing file") && $0.contains("cifar-10-binary.tar.gz") })
        #expect(lines.contains { $0.hasPrefix("stl10          corrupt  corrupt data file \(stl.path)/train_X.bin: expected 138240000 bytes") })
        // SHA-256 of every present file; the published MD5 where one exists (STL-10's train_X.bin is not it).
        let sha = try Checksum.sha256.hex(file: fm.appendingPathComponent("t10k-labels-idx1-ubyte.gz").path)
        #expect(lines.contains { $0.contains("t10k-labels-idx1-ubyte.gz  5125 bytes  sha256 \(sha)") })
        #expect(lines.contains { $0.contains("train_X.bin  3 bytes") && $0.contains("≠ published 918c2871b30a85fa023e0c44e0bee87f") })
        #expect(lines.contains { $0.contains("published checksums: only the archive has a published MD5 (cifar-10-binary.tar.gz") } == false)
    }

    @Test func aBadRootIsBadInput() {
        let catalog = DataCatalog(explicitRoot: "/nonexistent/replicate-data", environment: [:])
        #expect(throws: DataRootInvalid.self) { try DataCheck.run(catalog: catalog, deep: false, checksums: false) }
    }
}
