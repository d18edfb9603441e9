import Foundation
import Testing
@testable import Data

/// `data fetch imagenet|imagenet100 --from DIR` on ILSVRC-2012's three archives in their official formats
/// (a few classes), laid out in a temporary data root and read back by the ImageNet reader and the deep check.
@Suite(.timeLimit(.minutes(3)))  // a hang guard only
struct ImageNetFetchTests {
    func fetcher(_ root: URL, from: URL, table: ArchiveTable) -> DatasetFetcher {
        DatasetFetcher(options: FetchOptions(root: root, from: from, table: table), progress: FetchProgress(style: .quiet) { _ in })
    }

    func contents(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    @Test func imageNetIsLaidOutAsTorchvisionDoesAndReads() throws {
        let set = ILSVRC2012Archives(classes: ["n01530575", "n01440764", "n02085620"], trainPerClass: 2, valPerClass: 2)
        let from = try TempDir(), root = try TempDir()
        let table = try ILSVRC2012Archives.place(try set.archives(), in: from)
        #expect(try fetcher(root.url, from: from.url, table: table).fetch(["imagenet"]) == ["imagenet"])
        #expect(contents(root.url) == ["imagenet"])  // no staging folder left
        let dir = root.url.appendingPathComponent("imagenet")
        #expect(contents(dir) == ["train", "val"])
        for wnid in set.classes {
            // Each per-class tar unpacked into its own folder, flat, nothing else there.
            #expect(contents(dir.appendingPathComponent("train/\(wnid)")) == ["\(wnid)_1.JPEG", "\(wnid)_2.JPEG"])
        }
        // Each validation image in the folder of its ground-truth label (not of its position).
        for i in 0..<set.valCount {
            let wnid = set.classes[set.valClass(i)]
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("val/\(wnid)/\(ILSVRC2012Archives.valName(i))").path))
        }
        #expect(contents(dir.appendingPathComponent("val")) == set.classes.sorted())

        let train = try ImageNet.load(.train, root: root.url, subset: false, side: 8)
        #expect(train.count == 6 && train.classes == 3 && train.labels == [0, 0, 1, 1, 2, 2])
        let val = try ImageNet.load(.val, root: root.url, subset: false, side: 8)
        #expect(val.count == 6 && val.classes == 3)
        #expect(try DatasetCatalog.check("imagenet", root: root.url, deep: true).state == .present)
        // Laid out once: a second fetch finds it present.
        #expect(try fetcher(root.url, from: from.url, table: table).fetch(["imagenet"]) == [])
    }

    /// ImageNet-100 from the same archives keeps only CMC's classes (the archives here hold one more), with an
    /// uncompressed meta.mat.
    @Test func imageNet100KeepsOnlyCMCsClasses() throws {
        let cmc = try ImageNet.imageNet100Classes()
        let set = ILSVRC2012Archives(classes: cmc + ["n01440764"], trainPerClass: 1, valPerClass: 1, compressedMeta: false)
        let from = try TempDir(), root = try TempDir()
        let table = try ILSVRC2012Archives.place(try set.archives(), in: from)
        try fetcher(root.url, from: from.url, table: table).fetch(["imagenet100"])
        let dir = root.url.appendingPathComponent("imagenet100")
        #expect(contents(dir.appendingPathComponent("train")) == cmc.sorted())
        #expect(contents(dir.appendingPathComponent("val")) == cmc.sorted())
        #expect(try DatasetCatalog.check("imagenet100", root: root.url, deep: true).state == .present)
        #expect(try ImageNet.load(.val, root: root.url, subset: true, side: 8).count == 100)
    }

    /// meta.mat files that are not the devkit's, each with what the error must say after the file's name.
    enum BadMeta: String, CaseIterable, Sendable {
        case cutShort, text, noWNID, otherVariable

        func bytes(_ good: [UInt8]) -> [UInt8] {
            switch self {
            case .cutShort: return Array(good.prefix(200))
            case .text: return Array("synsets = []\n".utf8)
            case .noWNID:
                return MATWriter.file(variable: "synsets", fields: ["ILSVRC2012_ID", "num_children"],
                                      elements: [["ILSVRC2012_ID": .number(1), "num_children": .number(0)]], compressed: true)
            case .otherVariable:
                return MATWriter.file(variable: "classes", fields: ["WNID"], elements: [["WNID": .text("n01440764")]], compressed: false)
            }
        }

        var says: String {
            switch self {
            case .cutShort: return "meta.mat: not a MATLAB level-5 MAT-file as the devkit's: byte 128: element of data type 15 claims "
            case .text: return "meta.mat: not a MATLAB level-5 MAT-file as the devkit's: 13 bytes, shorter than the 128-byte header"
            case .noWNID: return "meta.mat: 'synsets' has no field WNID (fields: ILSVRC2012_ID, num_children)"
            case .otherVariable: return "meta.mat: no variable 'synsets'"
            }
        }
    }

    /// A devkit whose meta.mat is not what it should be stops the layout with one line naming the archive and the
    /// file in it; the data root holds nothing the readers would find.
    @Test(arguments: BadMeta.allCases)
    func aMalformedMetaMatIsNamedAndNothingIsLaidOut(_ bad: BadMeta) throws {
        let set = ILSVRC2012Archives(classes: ["n01530575", "n01440764"])
        let from = try TempDir(), root = try TempDir()
        let table = try ILSVRC2012Archives.place(try set.archives(["ILSVRC2012_devkit_t12.tar.gz": set.devkit(meta: bad.bytes(set.metaMat()))]), in: from)
        let error = #expect(throws: FetchError.self) { try fetcher(root.url, from: from.url, table: table).fetch(["imagenet"]) }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("cannot unpack ILSVRC2012_devkit_t12.tar.gz: ILSVRC2012_devkit_t12/data/\(bad.says)"), "\(text)")
        #expect(!text.contains("\n"))
        #expect(contents(root.url) == [])
    }

    /// Archives that disagree with the devkit are named, and nothing is laid out.
    @Test func archivesThatDisagreeWithTheDevkitAreNamed() throws {
        let set = ILSVRC2012Archives(classes: ["n01530575", "n01440764", "n02085620"])
        let cases: [(String, Data, String)] = [
            ("ILSVRC2012_img_val.tar", try set.val(count: 2), "cannot unpack ILSVRC2012_img_val.tar: it holds 2 images but "
                + "ILSVRC2012_devkit_t12/data/ILSVRC2012_validation_ground_truth.txt of ILSVRC2012_devkit_t12.tar.gz lists 3 labels"),
            ("ILSVRC2012_img_val.tar", try TestArchive.write([.folder("val"), .file("val/\(ILSVRC2012Archives.valName(0))", set.jpeg(seed: 0))], format: .tar),
             "cannot unpack ILSVRC2012_img_val.tar: it holds 'val/\(ILSVRC2012Archives.valName(0))'; the validation images are flat files"),
            ("ILSVRC2012_img_val.tar", try TestArchive.write([.folder("extra")] + (0..<2).map { .file(ILSVRC2012Archives.valName($0), try set.jpeg(seed: 0)) }, format: .tar),
             "cannot unpack ILSVRC2012_img_val.tar: it holds a folder 'extra'; the validation images are flat files"),
            ("ILSVRC2012_img_train.tar", try set.train(leaving: "n01440764"),
             "cannot unpack ILSVRC2012_img_train.tar: it has no n01440764.tar (data/meta.mat lists 3 classes)"),
            ("ILSVRC2012_devkit_t12.tar.gz", try set.devkit(groundTruth: Array("1\n2\n9\n".utf8)),
             "cannot unpack ILSVRC2012_devkit_t12.tar.gz: ILSVRC2012_devkit_t12/data/ILSVRC2012_validation_ground_truth.txt: "
                + "line 3 is '9', not the ILSVRC2012_ID of a class of data/meta.mat"),
        ]
        for (file, data, message) in cases {
            let from = try TempDir(), root = try TempDir()
            let table = try ILSVRC2012Archives.place(try set.archives([file: data]), in: from)
            let error = #expect(throws: FetchError.self) { try fetcher(root.url, from: from.url, table: table).fetch(["imagenet"]) }
            #expect(error?.description.hasPrefix(message) == true, "\(String(describing: error))")
            #expect(contents(root.url) == [])
        }
    }
}
