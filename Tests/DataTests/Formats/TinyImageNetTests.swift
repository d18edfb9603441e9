import Foundation
import Testing
@testable import Data

/// Writes a small Tiny ImageNet-200 copy in the official layout: `wnids.txt` (unsorted, as released),
/// `words.txt`, `train/<wnid>/images/<wnid>_<k>.JPEG` with `<wnid>_boxes.txt`, `val/images/val_<k>.JPEG` with
/// `val/val_annotations.txt`, `test/images/test_<k>.JPEG`. Returns the encoded-from images by split.
@discardableResult
func writeTinyImageNet(_ dir: TempDir, wnids: [String] = ["n03444034", "n01443537", "n02124075"], perClass: Int = 2,
                       val: Int = 4, test: Int = 2, folder: String = "tiny-imagenet-200") throws -> [String: [PlanarImage]] {
    var written: [String: [PlanarImage]] = [:]
    try dir.write("\(folder)/wnids.txt", Array(wnids.map { $0 + "\n" }.joined().utf8))
    try dir.write("\(folder)/words.txt", Array(wnids.map { "\($0)\tthing \($0)\n" }.joined().utf8))
    var seed = 0
    for id in wnids {
        var boxes = ""
        for k in 0..<perClass {
            seed += 1
            let image = gradientImage(height: 64, width: 64, seed: seed)
            try dir.write("\(folder)/train/\(id)/images/\(id)_\(k).JPEG", JPEG.encode(image))
            written["train/\(id)", default: []].append(image)
            boxes += "\(id)_\(k).JPEG\t0\t0\t63\t63\n"
        }
        try dir.write("\(folder)/train/\(id)/\(id)_boxes.txt", Array(boxes.utf8))
    }
    var annotations = ""
    for k in 0..<val {
        seed += 1
        let image = gradientImage(height: 64, width: 64, seed: seed)
        try dir.write("\(folder)/val/images/val_\(k).JPEG", JPEG.encode(image))
        written["val", default: []].append(image)
        annotations += "val_\(k).JPEG\t\(wnids[k % wnids.count])\t\(k)\t2\t60\t58\n"
    }
    try dir.write("\(folder)/val/val_annotations.txt", Array(annotations.utf8))
    for k in 0..<test {
        seed += 1
        let image = gradientImage(height: 64, width: 64, seed: seed)
        try dir.write("\(folder)/test/images/test_\(k).JPEG", JPEG.encode(image))
        written["test", default: []].append(image)
    }
    return written
}

@Suite struct TinyImageNetTests {
    let counts = TinyImageNet.Counts(classes: 3, trainPerClass: 2, val: 4, test: 2)

    @Test func readsTheOfficialLayoutWithSortedClassLabels() throws {
        let dir = try TempDir()
        let written = try writeTinyImageNet(dir)
        #expect(try TinyImageNet.classIDs(root: dir.url, counts: counts) == ["n03444034", "n01443537", "n02124075"])
        let train = try TinyImageNet.load(.train, root: dir.url, counts: counts)
        #expect(train.count == 6 && train.channels == 3 && train.height == 64 && train.classes == 3)
        // Sorted wnids: n01443537 → 0, n02124075 → 1, n03444034 → 2 (ImageFolder's numbering).
        #expect(train.labels == [0, 0, 1, 1, 2, 2])
        let first = Array(train.pixels[0..<train.imageSize])
        #expect(meanAbsDifference(first, written["train/n01443537"]![0].pixels) < 3)

        let val = try TinyImageNet.load(.val, root: dir.url, counts: counts)
        // Annotation order; val_k is labelled wnids[k % 3] in file order: n03444034, n01443537, n02124075, n03444034.
        #expect(val.labels == [2, 0, 1, 2])
        for k in 0..<4 {
            let got = Array(val.pixels[k * val.imageSize..<(k + 1) * val.imageSize])
            #expect(meanAbsDifference(got, written["val"]![k].pixels) < 3)
        }
        let test = try TinyImageNet.load(.test, root: dir.url, counts: counts)
        #expect(test.labels == [-1, -1])
    }

    @Test func missingDataNamesThePathLayoutAndArchive() throws {
        let dir = try TempDir()
        let error = #expect(throws: DataError.self) { try TinyImageNet.load(.val, root: dir.url, counts: counts) }
        let text = error?.description ?? ""
        #expect(text.contains(dir.path("tiny-imagenet-200/wnids.txt")))
        #expect(text.contains("val/val_annotations.txt"))
        #expect(text.contains("http://cs231n.stanford.edu/tiny-imagenet-200.zip"))
    }

    @Test func officialCountsRejectASmallCopy() throws {
        let dir = try TempDir()
        try writeTinyImageNet(dir)
        let error = #expect(throws: DataError.self) { try TinyImageNet.load(.train, root: dir.url) }
        #expect(error?.description.contains("200 distinct class ids") == true)
    }

    @Test func badAnnotationsAndWrongSizesAreCorrupt() throws {
        let dir = try TempDir()
        try writeTinyImageNet(dir)
        try dir.write("tiny-imagenet-200/val/val_annotations.txt", Array("val_0.JPEG\tn09999999\t0\t0\t1\t1\n".utf8))
        let unknown = #expect(throws: DataError.self) { try TinyImageNet.load(.val, root: dir.url, counts: counts) }
        #expect(unknown?.description.contains("on line 1") == true)

        try dir.write("tiny-imagenet-200/train/n02124075/images/n02124075_1.JPEG", JPEG.encode(gradientImage(height: 32, width: 64)))
        let size = #expect(throws: DataError.self) { try TinyImageNet.load(.train, root: dir.url, counts: counts) }
        #expect(size?.description.contains("n02124075_1.JPEG") == true)
        #expect(size?.description.contains("64x32") == true)

        try dir.write("tiny-imagenet-200/train/n01443537/images/extra.JPEG", JPEG.encode(gradientImage(height: 64, width: 64)))
        let count = #expect(throws: DataError.self) { try TinyImageNet.load(.train, root: dir.url, counts: counts) }
        #expect(count?.description.contains("expected 2 JPEG files, found 3") == true)

        try dir.write("tiny-imagenet-200/wnids.txt", Array("n01443537\nbanana\n".utf8))
        #expect(throws: DataError.self) { try TinyImageNet.classIDs(root: dir.url, counts: counts) }
    }
}
