import Engine

/// A bias-free `k x k` convolution on `(C, N, H, W)` activations.
public struct Conv2DLayer: Layer {
    public let weight: ParamID
    public let stride: Int, padding: Int

    public init(_ layout: ParameterLayout, _ name: String, in cin: Int, out cout: Int, kernel k: Int,
                stride: Int = 1, padding: Int = 0) {
        weight = layout.parameter("\(name).weight", [cout, cin, k, k], isWeight: true, .uniformFanIn(cin * k * k))
        self.stride = stride; self.padding = padding
    }

    public func callAsFunction(_ x: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        tape.conv2d(x, weight: params[weight], stride: stride, padding: padding)
    }
}
