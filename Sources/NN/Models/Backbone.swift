import Engine

/// An image encoder: `(N, C, H, W)` images → `(N, F)` features.
public protocol Backbone {
    /// `F`, the width of `features`.
    var featureDim: Int { get }
    func features(_ images: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor
}

/// The backbones specs can name.
public enum BackboneRegistry {
    public static let names = ["convnet-s"]

    /// Builds `name` for `channels`-channel images into `layout`; nil for an unknown name.
    public static func make(_ name: String, channels: Int, imageSize: Int, layout: ParameterLayout) -> (any Backbone)? {
        switch name {
        case "convnet-s": return ConvNetS(layout, channels: channels)
        default: return nil
        }
    }
}
