import Foundation
import Engine
import NN

/// Shift and log-scale of a Laplace distribution over the `M` coefficients, each `(N, M)`.
public struct LaplaceParameters {
    public var shift: Tensor
    public var logScale: Tensor
    public init(shift: Tensor, logScale: Tensor) { self.shift = shift; self.logScale = logScale }
}

/// ManifoldCLR's variational coefficient encoder `q_φ(c | z0, z1)` and learned prior `p_θ(c | z0)`.
///
/// - Paper: Fallah et al., TMLR 2024 (official `CoefficientEncoder`: Laplace, point-pair encoder, learned prior
///   with shift and warm-up). With `F` the hidden width (the official 512, the backbone width), `M` operators:
///   ```
///   q: h = MLP_{2D→4F→4F→F}([z0; z1])  (LeakyReLU 0.01)
///      ln b = clamp(W_b h, −100, 3) + ln 0.01,   μ = clamp(W_μ h, −5, 5) + 0.05          (N, M)
///   p: h = MLP_{D→4F→2F→F}(z0)
///      ln b = w · clamp(W_b h, max 3) + ln 0.01,  μ = w · clamp(W_μ h, −5, 5) + (1 − w) · 0.05 · sg[sign(w μ̃)]
///   ```
///   where `w = min(step / prior_warmup, 1)` blends the learned prior in from the hyper-prior Laplace(0.05, 0.01).
///   Both networks see `sg[z]`: coefficient inference does not train the backbone.
public struct ManifoldCoefficientEncoder {
    /// The official hyper-prior: scale 0.01, shift 0.05.
    public static let scalePrior: Float = 0.01
    public static let shiftPrior: Float = 0.05

    let encoder: [LinearLayer]
    let encoderScale: LinearLayer, encoderShift: LinearLayer
    let prior: [LinearLayer]
    let priorScale: LinearLayer, priorShift: LinearLayer

    public init(_ layout: ParameterLayout, featureDim d: Int, hidden f: Int, dictionarySize m: Int) {
        encoder = [LinearLayer(layout, "manifold.encoder.fc1", in: 2 * d, out: 4 * f),
                   LinearLayer(layout, "manifold.encoder.fc2", in: 4 * f, out: 4 * f),
                   LinearLayer(layout, "manifold.encoder.fc3", in: 4 * f, out: f)]
        encoderScale = LinearLayer(layout, "manifold.encoder.scale", in: f, out: m)
        encoderShift = LinearLayer(layout, "manifold.encoder.shift", in: f, out: m)
        prior = [LinearLayer(layout, "manifold.prior.fc1", in: d, out: 4 * f),
                 LinearLayer(layout, "manifold.prior.fc2", in: 4 * f, out: 2 * f),
                 LinearLayer(layout, "manifold.prior.fc3", in: 2 * f, out: f)]
        priorScale = LinearLayer(layout, "manifold.prior.scale", in: f, out: m)
        priorShift = LinearLayer(layout, "manifold.prior.shift", in: f, out: m)
    }

    private func mlp(_ layers: [LinearLayer], _ x: Tensor, _ store: ParameterStore, _ tape: Tape) -> Tensor {
        var h = x
        for (i, layer) in layers.enumerated() {
            h = layer(h, store, tape)
            if i < layers.count - 1 { h = tape.leakyReLU(h) }
        }
        return h
    }

    /// `q_φ(c | z0, z1)` for stop-gradient features `z0, z1 (N, D)`.
    public func posterior(_ z0: Tensor, _ z1: Tensor, _ store: ParameterStore, _ tape: Tape) -> LaplaceParameters {
        let h = mlp(encoder, tape.concat([z0, z1], axis: 1), store, tape)
        let logScale = tape.add(tape.clamp(encoderScale(h, store, tape), min: -100, max: 3),
                                scalar: Foundation.log(Self.scalePrior))
        let shift = tape.add(tape.clamp(encoderShift(h, store, tape), min: -5, max: 5), scalar: Self.shiftPrior)
        return LaplaceParameters(shift: shift, logScale: logScale)
    }

    /// `p_θ(c | z0)` for stop-gradient `z0 (N, D)`, blended with the hyper-prior by `warmup ∈ [0, 1]`.
    public func prior(_ z0: Tensor, warmup w: Float, _ store: ParameterStore, _ tape: Tape) -> LaplaceParameters {
        let h = mlp(prior, z0, store, tape)
        let logScale = tape.add(tape.scale(tape.clamp(priorScale(h, store, tape), max: 3), by: w),
                                scalar: Foundation.log(Self.scalePrior))
        let learned = tape.scale(tape.clamp(priorShift(h, store, tape), min: -5, max: 5), by: w)
        // The hyper-prior's share keeps the sign of the learned shift (0 while w = 0), as the official code.
        let hyper = Tensor(uninitialized: learned.shape)
        for i in 0..<learned.count {
            let v = learned.data[i]
            hyper.data[i] = (1 - w) * Self.shiftPrior * (v > 0 ? 1 : v < 0 ? -1 : 0)
        }
        return LaplaceParameters(shift: tape.add(learned, hyper), logScale: logScale)
    }
}
