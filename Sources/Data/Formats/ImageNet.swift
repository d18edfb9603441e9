import Foundation

/// ILSVRC-2012 (ImageNet-1k) and its 100-class subset ImageNet-100 as class folders of JPEGs:
/// `imagenet/{train,val}/<wnid>/*.JPEG` and `imagenet100/{train,val}/<wnid>/*.JPEG` (the validation images
/// sorted into class folders, as torchvision's `ImageFolder` expects). ImageNet-100 is the class list of CMC
/// (Tian et al. 2019, `imagenet100.txt` of github.com/HobbitLong/CMC), kept as data in `Resources/`; its
/// folders may hold all 1,000 classes, only the listed ones are read.
///
/// ILSVRC-2012's `n02105855_2933.JPEG` is a PNG file and a few dozen are CMYK: the PNG must be converted
/// before use (the reader names it as corrupt); CMYK is handled by the decoder.
public enum ImageNet {
    public enum Split: String, Sendable, CaseIterable { case train, val }

    public static let folder = "imagenet"
    public static let subsetFolder = "imagenet100"
    /// Stored side when the caller gives none.
    public static let defaultSide = 64

    public static let source = DataSource(
        name: "ImageNet (ILSVRC-2012)", layout: "imagenet/{train,val}/<wnid>/*.JPEG",
        archive: "https://image-net.org/download (ILSVRC2012_img_train.tar, ILSVRC2012_img_val.tar, ILSVRC2012_devkit_t12.tar.gz; "
            + "registration; laid out by `replicate data fetch imagenet --from DIR`)", catalogName: "imagenet")
    public static let subsetSource = DataSource(
        name: "ImageNet-100", layout: "imagenet100/{train,val}/<wnid>/*.JPEG (the 100 classes of CMC's imagenet100.txt)",
        archive: "https://image-net.org/download (ILSVRC-2012's train, val and devkit archives; registration; "
            + "laid out by `replicate data fetch imagenet100 --from DIR`)", catalogName: "imagenet100")

    /// CMC's 100 WordNet ids, in the file's order.
    public static func imageNet100Classes() throws -> [String] {
        guard let url = Bundle.module.url(forResource: "imagenet100", withExtension: "txt") else {
            throw DataError.unreadable(path: "imagenet100.txt", reason: "the resource is missing from the build")
        }
        let ids = try TinyImageNet.text(url.path).split(whereSeparator: \.isNewline).map(String.init)
        guard ids.count == 100, Set(ids).count == 100, ids.allSatisfy(TinyImageNet.isWordNetID) else {
            throw DataError.corrupt(path: url.path, expected: "100 distinct WordNet ids", found: "\(ids.count) lines")
        }
        return ids
    }

    public static func directory(root: URL, subset: Bool) -> URL {
        DataRoot.locate(subfolder: subset ? subsetFolder : folder, probe: "val", in: root)
    }

    /// Loads a split at `side × side` (train: shorter side to `side`, centre square; val: the scaled
    /// `Resize(256)/CenterCrop(224)`); `subset` restricts to ImageNet-100.
    public static func load(_ split: Split, root: URL, subset: Bool, side: Int = defaultSide,
                            fastDecode: Bool = true) throws -> ImageDataset {
        let dir = directory(root: root, subset: subset).appendingPathComponent(split.rawValue, isDirectory: true)
        return try ImageFolder.load(directory: dir, classes: subset ? imageNet100Classes() : nil, side: side,
                                    preparation: split == .train ? .train : .eval,
                                    name: "\(subset ? subsetFolder : folder)/\(split.rawValue)",
                                    source: subset ? subsetSource : source, fastDecode: fastDecode)
    }
}
