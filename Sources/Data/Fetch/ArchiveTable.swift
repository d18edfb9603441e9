import Foundation

/// Where each data set's archives are published and the MD5 the publisher lists for each. `official` is the
/// CLI's table; tests pass their own (their small archives have other checksums).
public struct ArchiveTable: Sendable {
    public var sources: [String: DatasetSource]

    public init(_ sources: [DatasetSource]) {
        self.sources = Dictionary(uniqueKeysWithValues: sources.map { ($0.dataset, $0) })
    }

    /// The source of `dataset`, or `unknownDataset` listing the names this table knows.
    public func source(_ dataset: String) throws -> DatasetSource {
        guard let s = sources[dataset] else {
            throw DataError.unknownDataset(name: dataset, known: DatasetCatalog.names.filter { sources[$0] != nil })
        }
        return s
    }

    /// The official archives. Each MD5 was read where its comment says; none is computed here.
    public static let official = ArchiveTable([
        // torchvision/datasets/mnist.py, class FashionMNIST (mirrors and resources), pytorch/vision at
        // 1ec2509e8715d5373b194b688ee0cc75262baec9; the same MD5s are in the Fashion-MNIST README.
        DatasetSource(dataset: "fashion-mnist", folder: FashionMNIST.folder, archives: [
            ("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            ("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
            ("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
            ("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"),
        ].map { DatasetArchive(fileName: $0.0, url: fashionMNISTBase.appendingPathComponent($0.0), md5: $0.1, layout: .place) }),
        // The CIFAR page's download table (https://www.cs.toronto.edu/~kriz/cifar.html, "CIFAR-10 binary version
        // (suitable for C programs)", md5sum column); torchvision reads the python version, not this one.
        DatasetSource(dataset: "cifar10", folder: CIFAR10.folder, archives: [
            DatasetArchive(fileName: "cifar-10-binary.tar.gz", url: URL(string: "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")!,
                           md5: "c32a1d4ab5d03f1284b67883e8d87530", layout: .unpack),
        ]),
        // The same page, "CIFAR-100 binary version (suitable for C programs)".
        DatasetSource(dataset: "cifar100", folder: CIFAR100.folder, archives: [
            DatasetArchive(fileName: "cifar-100-binary.tar.gz", url: URL(string: "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz")!,
                           md5: "03b5dce01913d631647c71ecec9e9cb8", layout: .unpack),
        ]),
        // torchvision/datasets/stl10.py (url, tgz_md5), pytorch/vision at 559a421e1aebffc0e5cf16e30d4452749a317179.
        DatasetSource(dataset: "stl10", folder: STL10.folder, archives: [
            DatasetArchive(fileName: "stl10_binary.tar.gz", url: URL(string: "http://ai.stanford.edu/~acoates/stl10/stl10_binary.tar.gz")!,
                           md5: "91f7769df0f17e558f3565bffb0c7dfb", layout: .unpack),
        ]),
        // CS231n publishes no checksum; this is the MD5 torchvision-style loaders check, e.g. ContinualAI/avalanche's
        // benchmarks/datasets/tiny_imagenet/tiny_imagenet.py at 4763ceacd1ab961167d1a1deddbf88a9a10220a0.
        DatasetSource(dataset: "tiny-imagenet", folder: TinyImageNet.folder, archives: [
            DatasetArchive(fileName: "tiny-imagenet-200.zip", url: URL(string: "http://cs231n.stanford.edu/tiny-imagenet-200.zip")!,
                           md5: "90528d7ca1a48142e341f4ef8d21d0de", layout: .unpack),
        ]),
        // torchvision/datasets/imagenet.py (ARCHIVE_META), pytorch/vision at 0d7913da146566a8fd92c307ddf21ab12aa4b7bd.
        DatasetSource(dataset: "imagenet", folder: ImageNet.folder, archives: imageNetArchives, loginRequired: imageNetLogin,
                      assembly: .ilsvrc2012(subset: false)),
        DatasetSource(dataset: "imagenet100", folder: ImageNet.subsetFolder, archives: imageNetArchives, loginRequired: imageNetLogin,
                      assembly: .ilsvrc2012(subset: true)),
    ])

    static let fashionMNISTBase = URL(string: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")!
    static let imageNetLogin = "ILSVRC-2012 is handed out only after a login at https://image-net.org/download-images"
    static let imageNetArchives: [DatasetArchive] = [
        ("ILSVRC2012_img_train.tar", "1d675b47d978889d74fa0da5fadfb00e"),
        ("ILSVRC2012_img_val.tar", "29b22e2961454d5413ddabcf34fc5622"),
        ("ILSVRC2012_devkit_t12.tar.gz", "fa75699e90414af021442c21a62c3abf"),
    ].map { DatasetArchive(fileName: $0.0, url: URL(string: "https://image-net.org/download-images")!, md5: $0.1, layout: .unpack) }
}
