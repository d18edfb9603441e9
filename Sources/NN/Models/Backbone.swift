import Engine

/// An image encoder: `(N, C, H, W)` images → `(N, F)` features.
public protocol Backbone {
    /// `F`, the width of `features`.
    var featureDim: Int { get }
    func features(_ images: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor
    /// Intermediate representations an evaluation may read instead (e.g. SmallAlexNet's `fc7`), with widths.
    var namedFeatureDims: [String: Int] { get }
    /// The named intermediate representation `(N, width)`, nil when the backbone has no layer of that name.
    func features(_ images: Tensor, _ params: ParameterStore, _ tape: Tape, at layer: String) -> Tensor?
}

extension Backbone {
    public var namedFeatureDims: [String: Int] { [:] }
    public func features(_ images: Tensor, _ params: ParameterStore, _ tape: Tape, at layer: String) -> Tensor? { nil }
}

/// The backbones specs can name.
public enum BackboneRegistry {
    public static let names = ["convnet-s", "small-alexnet", "resnet18", "resnet50"]

    /// Builds `name` for `channels`-channel `imageSize`² images into `layout`; nil for an unknown name or stem.
    ///
    /// `stem` (`cifar` or `imagenet`, ResNets only) defaults to torchvision's `imagenet`; `outputDim` is
    /// SmallAlexNet's fc8 width (default 128).
    public static func make(_ name: String, channels: Int, imageSize: Int, stem: String? = nil, outputDim: Int? = nil,
                            layout: ParameterLayout) -> (any Backbone)? {
        switch name {
        case "convnet-s": return ConvNetS(layout, channels: channels)
        case "small-alexnet": return SmallAlexNet(layout, channels: channels, imageSize: imageSize, outputDim: outputDim ?? 128)
        case "resnet18", "resnet50":
            guard let s = ResNet.Stem(rawValue: stem ?? ResNet.Stem.imagenet.rawValue) else { return nil }
            return ResNet(layout, depth: name == "resnet18" ? .resnet18 : .resnet50, channels: channels, stem: s)
        default: return nil
        }
    }
}
