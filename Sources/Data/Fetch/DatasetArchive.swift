import Foundation

/// One file a data set is published as: its official name and location, and the MD5 its publisher lists.
public struct DatasetArchive: Sendable, Equatable {
    /// How the verified file becomes the data set's layout.
    public enum Layout: Sendable, Equatable {
        /// A tar or zip archive holding the data set's folder (`cifar-10-batches-bin/…`): unpacked.
        case unpack
        /// A file the readers use as it is (Fashion-MNIST's `.gz` files): placed in the data set's folder.
        case place
    }

    /// The official file name: the name under a mirror and under `--from`.
    public var fileName: String
    /// The official location.
    public var url: URL
    /// The MD5 the publisher lists (lowercase hex).
    public var md5: String
    public var layout: Layout

    public init(fileName: String, url: URL, md5: String, layout: Layout) {
        self.fileName = fileName; self.url = url; self.md5 = md5.lowercased(); self.layout = layout
    }

    /// Where to download it from: `<mirror>/<fileName>`, else the official location.
    public func location(mirror: URL?) -> URL {
        mirror.map { $0.appendingPathComponent(fileName) } ?? url
    }
}

/// How one data set is obtained.
public struct DatasetSource: Sendable, Equatable {
    /// How the verified archives together become the data set's folder.
    public enum Assembly: Sendable, Equatable {
        /// Each archive by its own `layout`, in order.
        case eachArchive
        /// ILSVRC-2012's train, val and devkit archives (in that order) sorted into class folders as torchvision's
        /// `ImageNet` does; `subset` keeps only ImageNet-100's classes.
        case ilsvrc2012(subset: Bool)
    }

    /// The spec's data set name (`cifar10`).
    public var dataset: String
    /// The folder the archives unpack to, directly under the data root (`cifar-10-batches-bin`).
    public var folder: String
    public var archives: [DatasetArchive]
    /// Set when the publisher hands the archives out only after a login: then only `--from` can get them,
    /// and this says where to download them by hand.
    public var loginRequired: String?
    public var assembly: Assembly

    public init(dataset: String, folder: String, archives: [DatasetArchive], loginRequired: String? = nil,
                assembly: Assembly = .eachArchive) {
        self.dataset = dataset; self.folder = folder; self.archives = archives; self.loginRequired = loginRequired
        self.assembly = assembly
    }
}
