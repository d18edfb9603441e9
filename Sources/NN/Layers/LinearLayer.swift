import Engine

/// `y = x Wᵀ + b` on `(N, In)` features.
public struct LinearLayer: Layer {
    public let weight: ParamID
    public let bias: ParamID?

    public init(_ layout: ParameterLayout, _ name: String, in i: Int, out o: Int, bias: Bool = true) {
        weight = layout.parameter("\(name).weight", [o, i], isWeight: true, .uniformFanIn(i))
        self.bias = bias ? layout.parameter("\(name).bias", [o], isWeight: false, .uniformFanIn(i)) : nil
    }

    public func callAsFunction(_ x: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        tape.linear(x, weight: params[weight], bias: bias.map { params[$0] })
    }
}
