import Foundation

/// ImageNet-style class folders, `<split folder>/<class id>/*.JPEG` (torchvision's `ImageFolder`): classes and
/// files in sorted order, labels indexing the sorted classes.
///
/// Images of any size are stored at one fixed `side × side` so the set fits an `ImageDataset`: the `train`
/// preparation resizes the shorter side to `side` and keeps the centred square (the largest square the
/// training crops can then draw from), `eval` resizes the shorter side to `round(side · 256/224)` and keeps the
/// centred `side` square (the standard `Resize(256)` + `CenterCrop(224)` evaluation transform, scaled).
/// Memory is `N · 3 · side²` bytes: ImageNet-100's 126,689 training images take 1.6 GB at 64², 3.5 GB at 96²,
/// 6.2 GB at 128² and 19 GB at 224² — pick `side` to fit, or stay below 128 on a 24 GiB machine.
public enum ImageFolder {
    /// How a decoded image of any size becomes `side × side`.
    public enum Preparation: String, Sendable {
        case train, eval

        /// The resized shorter side for a stored side.
        public func shorterSide(for side: Int) -> Int {
            self == .train ? side : Int((Double(side) * 256.0 / 224.0).rounded())
        }
    }

    /// Loads every JPEG under `directory/<class>/` for the given classes (all subfolders, sorted, when nil;
    /// when given, each must exist and hold at least one JPEG, and other subfolders are ignored — so the
    /// full ImageNet folders serve ImageNet-100 too). `fastDecode` lets libjpeg downscale in the DCT domain.
    public static func load(directory: URL, classes: [String]?, side: Int, preparation: Preparation,
                            name: String, source: DataSource, fastDecode: Bool = false) throws -> ImageDataset {
        guard TinyImageNet.isDirectory(directory) else {
            throw DataError.missingFile(looked: [directory.path], source: source)
        }
        let ids: [String]
        if let classes {
            ids = classes.sorted()
        } else {
            let all = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            ids = all.filter { TinyImageNet.isDirectory(directory.appendingPathComponent($0)) }.sorted()
            guard !ids.isEmpty else {
                throw DataError.corrupt(path: directory.path, expected: "one folder per class", found: "no folders")
            }
        }
        var paths: [String] = [], labels: [Int32] = []
        for (k, id) in ids.enumerated() {
            let folder = directory.appendingPathComponent(id, isDirectory: true)
            guard TinyImageNet.isDirectory(folder) else { throw DataError.missingFile(looked: [folder.path], source: source) }
            let files = try JPEGFiles.list(folder)
            guard !files.isEmpty else {
                throw DataError.corrupt(path: folder.path, expected: "JPEG files of class \(id)", found: "none")
            }
            paths += files
            labels += [Int32](repeating: Int32(k), count: files.count)
        }
        let shorter = preparation.shorterSide(for: side)
        let pixels = try JPEGFiles.decodeAll(paths, side: side, minimumShorterSide: fastDecode ? shorter : nil) { image, _ in
            ImageResize.shorterSideThenCenterCrop(image, shorterSide: shorter, crop: side)
        }
        return ImageDataset(name: name, channels: 3, height: side, width: side, classes: ids.count,
                            pixels: pixels, labels: labels)
    }
}
