import Engine

/// A differentiable function of one tensor whose parameters live in a `ParameterStore`.
public protocol Layer {
    func callAsFunction(_ x: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor
}
