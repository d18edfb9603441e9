import Engine

/// `y = x Wᵀ + b` on `(N, In)` features.
public struct LinearLayer: Layer {
    public let weight: ParamID
    public let bias: ParamID?

    /// Initialisers default to PyTorch's own (`U(±1/√In)` for both); models pass their paper's.
    public init(_ layout: ParameterLayout, _ name: String, in i: Int, out o: Int, bias: Bool = true,
                weightInit: Initializer? = nil, biasInit: Initializer? = nil) {
        weight = layout.parameter("\(name).weight", [o, i], isWeight: true, weightInit ?? .uniformFanIn(i))
        self.bias = bias ? layout.parameter("\(name).bias", [o], isWeight: false, biasInit ?? .uniformFanIn(i)) : nil
    }

    public func callAsFunction(_ x: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        tape.linear(x, weight: params[weight], bias: bias.map { params[$0] })
    }
}
