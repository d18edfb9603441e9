import Engine

/// Batch normalisation with affine parameters and running statistics (PyTorch defaults:
/// eps 1e-5, momentum 0.1, gamma 1, beta 0). `axis` 0 for `(C, N, H, W)`, 1 for `(N, F)`.
public struct BatchNormLayer: Layer {
    public let gamma: ParamID, beta: ParamID
    public let runningMean: BufferID, runningVar: BufferID
    public let axis: Int

    public init(_ layout: ParameterLayout, _ name: String, channels c: Int, axis: Int) {
        gamma = layout.parameter("\(name).weight", [c], isWeight: false, .constant(1))
        beta = layout.parameter("\(name).bias", [c], isWeight: false, .constant(0))
        runningMean = layout.buffer("\(name).running_mean", [c], initial: 0)
        runningVar = layout.buffer("\(name).running_var", [c], initial: 1)
        self.axis = axis
    }

    public func callAsFunction(_ x: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        callAsFunction(x, params, tape, relu: false)
    }

    /// `ReLU(BN(x) + residual)` (ReLU when `relu`, the sum when `residual` is given) as one op: fewer
    /// passes, and the pre-activation and the sum are never stored (see `Tape.batchNorm`).
    public func callAsFunction(_ x: Tensor, _ params: ParameterStore, _ tape: Tape, relu: Bool,
                               residual: Tensor? = nil) -> Tensor {
        tape.batchNorm(x, gamma: params[gamma], beta: params[beta], runningMean: params.buffer(runningMean),
                       runningVar: params.buffer(runningVar), axis: axis, relu: relu, residual: residual)
    }
}
