/// An in-memory labelled image data set: `count` images of `channels × height × width` bytes.
///
/// Value type: `subset` and the imbalance/few-label builders return new data sets sharing nothing mutable,
/// so a loader can hand one to a background thread without locks.
public struct ImageDataset: Sendable, Equatable {
    /// Short identifier, e.g. `fashion-mnist/train`; derived data sets append what was done.
    public var name: String
    public let channels: Int
    public let height: Int
    public let width: Int
    /// Number of classes the labels index (labels are `0..<classes`, or -1 for unlabelled images).
    public let classes: Int
    /// Pixels, image-major `N × C × H × W`, channel planes in R, G, B order.
    public let pixels: [UInt8]
    /// One label per image.
    public let labels: [Int32]

    /// Number of images.
    public var count: Int { labels.count }
    /// Bytes per image, `C·H·W`.
    public var imageSize: Int { channels * height * width }

    public init(name: String, channels: Int, height: Int, width: Int, classes: Int,
                pixels: [UInt8], labels: [Int32]) {
        precondition(channels > 0 && height > 0 && width > 0, "empty image shape \(channels)x\(height)x\(width)")
        precondition(pixels.count == labels.count * channels * height * width,
                     "\(pixels.count) pixel bytes for \(labels.count) images of \(channels)x\(height)x\(width)")
        self.name = name; self.channels = channels; self.height = height; self.width = width
        self.classes = classes; self.pixels = pixels; self.labels = labels
    }

    /// The images at `indices`, in that order (repeats allowed).
    public func subset(_ indices: [Int], name: String? = nil) -> ImageDataset {
        let size = imageSize
        var out = [UInt8](repeating: 0, count: indices.count * size)
        var newLabels = [Int32](repeating: 0, count: indices.count)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (k, i) in indices.enumerated() {
                    precondition(i >= 0 && i < count, "index \(i) outside 0..<\(count) of \(self.name)")
                    (dst.baseAddress! + k * size).update(from: src.baseAddress! + i * size, count: size)
                    newLabels[k] = labels[i]
                }
            }
        }
        return ImageDataset(name: name ?? "\(self.name)[\(indices.count)]", channels: channels, height: height,
                            width: width, classes: classes, pixels: out, labels: newLabels)
    }

    /// The images of `self` followed by those of `other` (same shape), e.g. STL-10 `train+unlabeled`.
    public func concatenated(with other: ImageDataset, name: String? = nil) -> ImageDataset {
        precondition(channels == other.channels && height == other.height && width == other.width,
                     "concatenating \(channels)x\(height)x\(width) with \(other.channels)x\(other.height)x\(other.width)")
        return ImageDataset(name: name ?? "\(self.name)+\(other.name)", channels: channels, height: height,
                            width: width, classes: max(classes, other.classes),
                            pixels: pixels + other.pixels, labels: labels + other.labels)
    }

    /// Images per class, `classes` entries; unlabelled (-1) images are not counted.
    public var classHistogram: [Int] {
        var h = [Int](repeating: 0, count: classes)
        for l in labels where l >= 0 && Int(l) < classes { h[Int(l)] += 1 }
        return h
    }

    /// Indices of the images of each class, in data set order.
    public var indicesByClass: [[Int]] {
        var out = [[Int]](repeating: [], count: classes)
        for (i, l) in labels.enumerated() where l >= 0 && Int(l) < classes { out[Int(l)].append(i) }
        return out
    }
}
