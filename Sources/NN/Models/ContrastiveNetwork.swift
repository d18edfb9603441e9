import Engine

/// Encoder `f` plus optional projector `g`, sharing one parameter layout.
public struct ContrastiveNetwork {
    public let layout: ParameterLayout
    public let backbone: any Backbone
    public let projector: Projector?

    /// Nil when `backbone` (or its `stem`) is not a known name. `stem` and `outputDim` are passed to
    /// `BackboneRegistry.make` (ResNet stem; SmallAlexNet's fc8 width); `projectorLastBias` false drops the bias of
    /// the projector's last layer.
    public init?(backbone name: String, channels: Int, imageSize: Int, stem: String? = nil, outputDim: Int? = nil,
                 projectorHidden: [Int]?, projectorOutput: Int?, projectorBatchNorm: Bool, projectorLastBias: Bool = true) {
        let layout = ParameterLayout()
        guard let b = BackboneRegistry.make(name, channels: channels, imageSize: imageSize, stem: stem,
                                            outputDim: outputDim, layout: layout) else { return nil }
        self.layout = layout
        backbone = b
        if let out = projectorOutput {
            projector = Projector(layout, input: b.featureDim, hidden: projectorHidden ?? [], output: out,
                                  batchNorm: projectorBatchNorm, lastBias: projectorLastBias)
        } else {
            projector = nil
        }
    }

    /// Width of `embed`'s output.
    public var embeddingDim: Int { projector?.outputDim ?? backbone.featureDim }

    /// Encoder features `(N, F)`.
    public func features(_ images: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        backbone.features(images, params, tape)
    }

    /// The backbone's named intermediate features (e.g. `fc7`), nil when it has no such layer.
    public func features(_ images: Tensor, _ params: ParameterStore, _ tape: Tape, at layer: String) -> Tensor? {
        backbone.features(images, params, tape, at: layer)
    }

    /// Projector output (or the features when there is no projector) `(N, D)`.
    public func embed(_ images: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        let h = backbone.features(images, params, tape)
        return projector.map { $0(h, params, tape) } ?? h
    }
}
