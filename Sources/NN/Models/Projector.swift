import Engine

/// The MLP projection head `g` of SimCLR-style methods.
///
/// - Paper: Chen et al., "A Simple Framework for Contrastive Learning of Visual Representations", 2020.
///
/// `(N, F)` → [Linear (no bias when followed by BN), BN1d, ReLU] per hidden width → Linear → `(N, out)`; the last
/// Linear has a bias unless `lastBias` is false (Kernel-InfoNCE's `Projection` has none).
public struct Projector: Layer {
    let hidden: [(LinearLayer, BatchNormLayer?)]
    let output: LinearLayer
    public let outputDim: Int

    public init(_ layout: ParameterLayout, input: Int, hidden widths: [Int], output: Int, batchNorm: Bool,
                lastBias: Bool = true) {
        var inDim = input
        var layers: [(LinearLayer, BatchNormLayer?)] = []
        for (i, w) in widths.enumerated() {
            let lin = LinearLayer(layout, "projector.fc\(i + 1)", in: inDim, out: w, bias: !batchNorm)
            let bn = batchNorm ? BatchNormLayer(layout, "projector.bn\(i + 1)", channels: w, axis: 1) : nil
            layers.append((lin, bn))
            inDim = w
        }
        hidden = layers
        self.output = LinearLayer(layout, "projector.out", in: inDim, out: output, bias: lastBias)
        outputDim = output
    }

    public func callAsFunction(_ x: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        var h = x
        for (lin, bn) in hidden {
            h = lin(h, params, tape)
            h = bn.map { $0(h, params, tape, relu: true) } ?? tape.relu(h)
        }
        return output(h, params, tape)
    }
}
