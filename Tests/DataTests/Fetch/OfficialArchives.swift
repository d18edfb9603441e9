import Foundation
@testable import Data

/// Archives in each publisher's exact format and file names, generated small enough for tests (CIFAR-10 keeps
/// its official record counts, so `data check --deep` reads it; its pixels repeat, so it gzips to little),
/// with an archive table that has their checksums in place of the official ones.
enum OfficialArchives {
    /// `cifar-10-binary.tar.gz`: `cifar-10-batches-bin/{batches.meta.txt,data_batch_1..5.bin,test_batch.bin,readme.html}`.
    static let cifar10: Data = {
        let names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
        var entries: [TestArchive.Entry] = [.folder("cifar-10-batches-bin"),
                                            .file("cifar-10-batches-bin/batches.meta.txt", Array((names.joined(separator: "\n") + "\n").utf8))]
        for (i, file) in (CIFAR10.fileNames(.train) + CIFAR10.fileNames(.test)).enumerated() {
            let n = CIFAR10.recordsPerFile
            let pixels = [UInt8](repeating: UInt8(40 + i), count: n * CIFARBinary.imageBytes)
            entries.append(.file("cifar-10-batches-bin/\(file)",
                                 CIFARBinary.encode(pixels: pixels, labels: (0..<n).map { [UInt8(($0 + i) % 10)] })))
        }
        entries.append(.file("cifar-10-batches-bin/readme.html", Array("<html></html>\n".utf8)))
        return try! TestArchive.write(entries, format: .tarGz)
    }()

    /// The four gzipped IDX files of Fashion-MNIST at their official counts.
    static let fashionMNIST: [String: Data] = {
        let dir = try! TempDir()
        try! writeFashionSplit(dir, prefix: "train", n: 60_000)
        try! writeFashionSplit(dir, prefix: "t10k", n: 10_000)
        return Dictionary(uniqueKeysWithValues: FashionMNIST.allFileNames.map {
            ($0, try! Data(contentsOf: dir.url.appendingPathComponent("fashion-mnist/\($0)")))
        })
    }()

    /// `tiny-imagenet-200.zip` with the official layout and three classes (the fetch checks presence, not counts).
    static let tinyImageNet: Data = {
        let dir = try! TempDir()
        try! writeTinyImageNet(dir)
        return try! TestArchive.write(try! TestArchive.entries(of: dir.url), format: .zip)
    }()

    /// The official table with these archives' MD5s (and `extra` replacing or adding files).
    static func table(_ archives: [String: Data] = [:]) -> ArchiveTable {
        var all = ["cifar-10-binary.tar.gz": cifar10, "tiny-imagenet-200.zip": tinyImageNet].merging(fashionMNIST) { a, _ in a }
        all.merge(archives) { _, b in b }
        var table = ArchiveTable.official
        for (name, var source) in table.sources {
            source.archives = source.archives.map { a in
                var a = a
                if let data = all[a.fileName] { a.md5 = Checksum.md5.hex([UInt8](data)) }
                return a
            }
            table.sources[name] = source
        }
        return table
    }

    /// What a mirror serves: each archive under its official name.
    static func routes(_ archives: [String: Data]) -> [String: LoopbackHTTPServer.Route] {
        archives.mapValues { .file($0) }
    }
}
