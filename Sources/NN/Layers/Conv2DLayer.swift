import Engine

/// A bias-free `k x k` convolution on `(C, N, H, W)` activations.
public struct Conv2DLayer: Layer {
    public let weight: ParamID
    public let stride: Int, padding: Int

    /// `initializer` defaults to PyTorch's own (`U(±1/√fanIn)`); models pass their paper's (e.g. ResNet's
    /// kaiming-normal over fan-out).
    public init(_ layout: ParameterLayout, _ name: String, in cin: Int, out cout: Int, kernel k: Int,
                stride: Int = 1, padding: Int = 0, initializer: Initializer? = nil) {
        weight = layout.parameter("\(name).weight", [cout, cin, k, k], isWeight: true,
                                  initializer ?? .uniformFanIn(cin * k * k))
        self.stride = stride; self.padding = padding
    }

    /// The result may be channel-blocked (`Tape.conv2d`'s `keepBlocked`): in the encoders a batch norm always
    /// follows, and it, pooling and the next conv take that layout.
    public func callAsFunction(_ x: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        tape.conv2d(x, weight: params[weight], stride: stride, padding: padding, keepBlocked: true)
    }
}
