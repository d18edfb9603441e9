import Foundation
@testable import Data

/// ILSVRC-2012's three archives in their official formats and names, with a few classes: a devkit
/// (`ILSVRC2012_devkit_t12/data/meta.mat` with the synsets struct array — the classes as leaves plus one parent
/// synset — and `data/ILSVRC2012_validation_ground_truth.txt`), a train tar of per-class tars `<wnid>.tar` of
/// `<wnid>_<k>.JPEG`, and a val tar of flat `ILSVRC2012_val_<8 digits>.JPEG`.
struct ILSVRC2012Archives {
    var classes: [String]
    var trainPerClass = 2
    var valPerClass = 1
    var compressedMeta = true

    /// The class (index into `classes`) of validation image `i` (0-based): not the file order, so a layout that
    /// ignored the ground truth would put images in the wrong folders.
    func valClass(_ i: Int) -> Int { (classes.count - 1) - i % classes.count }
    var valCount: Int { classes.count * valPerClass }
    static func valName(_ i: Int) -> String { String(format: "ILSVRC2012_val_%08d.JPEG", i + 1) }

    /// meta.mat: ILSVRC2012_ID 1… for the classes in order (leaves), then a parent synset over the first two.
    func metaMat() -> [UInt8] {
        let fields = ["ILSVRC2012_ID", "WNID", "words", "gloss", "num_children", "children", "wordnet_height", "num_train_images"]
        var synsets: [[String: MATWriter.Field]] = classes.enumerated().map { i, wnid in
            ["ILSVRC2012_ID": .number(Double(i + 1)), "WNID": .text(wnid), "words": .text("class \(i + 1)"),
             "gloss": .text("a test class"), "num_children": .number(0), "children": .empty,
             "wordnet_height": .number(0), "num_train_images": .number(Double(trainPerClass))]
        }
        synsets.append(["ILSVRC2012_ID": .number(Double(classes.count + 1)), "WNID": .text("n00001740"), "words": .text("entity"),
                        "gloss": .text("a parent"), "num_children": .number(2), "children": .numbers([1, 2]),
                        "wordnet_height": .number(1), "num_train_images": .number(Double(2 * trainPerClass))])
        return MATWriter.file(variable: "synsets", fields: fields, elements: synsets, compressed: compressedMeta)
    }

    func groundTruth() -> [UInt8] {
        Array((0..<valCount).map { "\(valClass($0) + 1)\n" }.joined().utf8)
    }

    func jpeg(seed: Int) throws -> [UInt8] { try JPEG.encode(gradientImage(height: 12, width: 16, seed: seed)) }

    func devkit(meta: [UInt8]? = nil, groundTruth: [UInt8]? = nil) throws -> Data {
        let root = "ILSVRC2012_devkit_t12"
        return try TestArchive.write([.folder(root), .folder("\(root)/data"),
                                      .file("\(root)/data/meta.mat", meta ?? metaMat()),
                                      .file("\(root)/data/ILSVRC2012_validation_ground_truth.txt", groundTruth ?? self.groundTruth()),
                                      .file("\(root)/COPYING", Array("test devkit\n".utf8))], format: .tarGz)
    }

    func train(leaving missing: String? = nil) throws -> Data {
        let inner: [TestArchive.Entry] = try classes.enumerated().filter { $0.element != missing }.map { c, wnid in
            let images = try (0..<trainPerClass).map { TestArchive.Entry.file("\(wnid)_\($0 + 1).JPEG", try jpeg(seed: c)) }
            return .file("\(wnid).tar", [UInt8](try TestArchive.write(images, format: .tar)))
        }
        return try TestArchive.write(inner, format: .tar)
    }

    func val(count: Int? = nil) throws -> Data {
        try TestArchive.write(try (0..<(count ?? valCount)).map { .file(Self.valName($0), try jpeg(seed: valClass($0))) }, format: .tar)
    }

    /// The three archives under their official names (`replace` swaps any of them).
    func archives(_ replace: [String: Data] = [:]) throws -> [String: Data] {
        try ["ILSVRC2012_img_train.tar": train(), "ILSVRC2012_img_val.tar": val(),
             "ILSVRC2012_devkit_t12.tar.gz": devkit()].merging(replace) { _, b in b }
    }

    /// Writes `archives` into `folder` (a `--from DIR`) and returns the official table with their MD5s.
    static func place(_ archives: [String: Data], in folder: TempDir) throws -> ArchiveTable {
        var table = ArchiveTable.official
        for name in ["imagenet", "imagenet100"] {
            var source = try table.source(name)
            source.archives = source.archives.map { a in
                var a = a
                if let data = archives[a.fileName] { a.md5 = Checksum.md5.hex([UInt8](data)) }
                return a
            }
            table.sources[name] = source
        }
        for (name, data) in archives { _ = try folder.write(name, [UInt8](data)) }
        return table
    }
}
