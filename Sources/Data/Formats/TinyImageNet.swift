import Foundation

/// Tiny ImageNet-200 (Stanford CS231n): 200 ImageNet classes at 64×64, JPEG files in folders:
/// `tiny-imagenet-200/wnids.txt` (one WordNet id a line), `train/<wnid>/images/<wnid>_<k>.JPEG` (500 per
/// class), `val/images/val_<k>.JPEG` labelled by `val/val_annotations.txt` (tab-separated file name, wnid and a
/// box; 10,000 images) and `test/images/test_<k>.JPEG` (10,000, no labels: label -1). `words.txt` is optional.
///
/// Labels index the wnids in sorted order, as torchvision's `ImageFolder` over `train/` numbers them.
/// The whole split is decoded into memory: train is 100,000 × 12,288 bytes = 1.2 GB.
public enum TinyImageNet {
    public enum Split: String, Sendable, CaseIterable { case train, val, test }

    /// The sizes a copy must have; `official` is the released data set (tests write smaller copies).
    public struct Counts: Sendable, Equatable {
        public var classes: Int, trainPerClass: Int, val: Int, test: Int
        public init(classes: Int, trainPerClass: Int, val: Int, test: Int) {
            self.classes = classes; self.trainPerClass = trainPerClass; self.val = val; self.test = test
        }
        public static let official = Counts(classes: 200, trainPerClass: 500, val: 10_000, test: 10_000)
    }

    public static let folder = "tiny-imagenet-200"
    public static let side = 64
    public static let annotationsFile = "val/val_annotations.txt"
    public static let source = DataSource(
        name: "Tiny ImageNet-200",
        layout: "tiny-imagenet-200/{wnids.txt,train/<wnid>/images/*.JPEG,val/images/*.JPEG,val/val_annotations.txt,test/images/*.JPEG}",
        archive: "http://cs231n.stanford.edu/tiny-imagenet-200.zip (unzip into the data root)", catalogName: "tiny-imagenet")

    public static func directory(root: URL) -> URL {
        DataRoot.locate(subfolder: folder, probe: "wnids.txt", in: root)
    }

    /// The class ids of `wnids.txt` in file order, checked: `counts.classes` distinct ids of the form `n` + 8 digits.
    public static func classIDs(root: URL, counts: Counts = .official) throws -> [String] {
        let path = try BinaryFile.require("wnids.txt", in: directory(root: root), root: root, source: source)
        let lines = try text(path).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        for (i, id) in lines.enumerated() where !isWordNetID(id) {
            throw DataError.corrupt(path: path, expected: "WordNet ids like n01443537, one a line", found: "'\(id)' on line \(i + 1)")
        }
        guard Set(lines).count == lines.count, lines.count == counts.classes else {
            throw DataError.corrupt(path: path, expected: "\(counts.classes) distinct class ids",
                                    found: "\(lines.count) ids, \(Set(lines).count) distinct")
        }
        return lines
    }

    /// Loads a split, decoding every JPEG (on all cores) and checking counts, labels and the 64×64 size.
    public static func load(_ split: Split, root: URL, counts: Counts = .official) throws -> ImageDataset {
        let dir = directory(root: root)
        let ids = try classIDs(root: root, counts: counts).sorted()
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })
        var paths: [String] = [], labels: [Int32] = []
        switch split {
        case .train:
            for (k, id) in ids.enumerated() {
                let folder = dir.appendingPathComponent("train/\(id)/images", isDirectory: true)
                guard isDirectory(folder) else {
                    throw DataError.missingFile(looked: [folder.path], source: source)
                }
                let files = try JPEGFiles.list(folder)
                guard files.count == counts.trainPerClass else {
                    throw DataError.corrupt(path: folder.path, expected: "\(counts.trainPerClass) JPEG files",
                                            found: "\(files.count)")
                }
                paths += files
                labels += [Int32](repeating: Int32(k), count: files.count)
            }
        case .val:
            let annotations = try BinaryFile.require(annotationsFile, in: dir, root: root, source: source)
            var seen = Set<String>()
            for (n, line) in try text(annotations).split(whereSeparator: \.isNewline).enumerated() where !line.isEmpty {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard fields.count >= 2, let label = index[fields[1]], !fields[0].contains("/") else {
                    throw DataError.corrupt(path: annotations, expected: "<file>\\t<wnid listed in wnids.txt>\\t<box> lines",
                                            found: "'\(line.prefix(80))' on line \(n + 1)")
                }
                guard seen.insert(fields[0]).inserted else {
                    throw DataError.corrupt(path: annotations, expected: "each file once", found: "\(fields[0]) again on line \(n + 1)")
                }
                let path = dir.appendingPathComponent("val/images/\(fields[0])").path
                guard FileManager.default.fileExists(atPath: path) else {
                    throw DataError.corrupt(path: annotations, expected: "annotated files present", found: "\(path) missing")
                }
                paths.append(path)
                labels.append(label)
            }
            guard paths.count == counts.val else {
                throw DataError.corrupt(path: annotations, expected: "\(counts.val) annotated images", found: "\(paths.count)")
            }
        case .test:
            let folder = dir.appendingPathComponent("test/images", isDirectory: true)
            guard isDirectory(folder) else { throw DataError.missingFile(looked: [folder.path], source: source) }
            paths = try JPEGFiles.list(folder)
            guard paths.count == counts.test else {
                throw DataError.corrupt(path: folder.path, expected: "\(counts.test) JPEG files", found: "\(paths.count)")
            }
            labels = [Int32](repeating: -1, count: paths.count)
        }
        // Every image must be 64x64: a larger header is refused before its pixels are decoded.
        let pixels = try JPEGFiles.decodeAll(paths, side: side, maximumPixels: side * side, prepare: JPEGFiles.requireSide(side))
        return ImageDataset(name: "tiny-imagenet/\(split.rawValue)", channels: 3, height: side, width: side,
                            classes: ids.count, pixels: pixels, labels: labels)
    }

    static func isWordNetID(_ s: String) -> Bool {
        s.count == 9 && s.first == "n" && s.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func isDirectory(_ url: URL) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &d) && d.boolValue
    }

    static func text(_ path: String) throws -> String {
        guard let s = String(bytes: try BinaryFile.read(path), encoding: .utf8) else {
            throw DataError.corrupt(path: path, expected: "UTF-8 text", found: "other bytes")
        }
        return s
    }
}
