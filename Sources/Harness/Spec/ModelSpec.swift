/// The encoder: a backbone and an optional projection head.
public struct ModelSpec: Equatable, Sendable, Codable {
    public struct Projector: Equatable, Sendable, Codable {
        /// Hidden widths (may be empty: a single linear layer).
        public var hidden: [Int]
        public var output: Int
        /// BatchNorm after each hidden layer; nil when the paper does not say.
        public var batchNorm: Bool?
        /// Bias in the last linear layer; nil when the paper does not say (Kernel-InfoNCE's has none).
        public var lastBias: Bool?
    }

    public var backbone: String
    /// `cifar` (3x3 stride-1 first conv, no max-pool) or `imagenet`; resnets only.
    public var stem: String?
    /// Width of the backbone's own output layer where the architecture has one (SmallAlexNet fc8: 128).
    public var outputDim: Int?
    public var projector: Projector?

    static func decode(_ node: SpecNode?, _ path: String, _ r: SpecReader) -> ModelSpec? {
        guard let f = r.fields(node, path, required: ["backbone"], optional: ["stem", "output_dim", "projector"]) else { return nil }
        let backbone = r.name(f["backbone"], f.path("backbone"), among: KnownNames.backbones, what: "backbone")
        let stem = r.name(f["stem"], f.path("stem"), among: KnownNames.stems, what: "stem")
        if let backbone, let s = f["stem"], stem != nil, !KnownNames.resnets.contains(backbone) {
            r.error(s.location, f.path("stem"), "a stem applies to resnet18/resnet50 only, not \(backbone)")
        }
        let outputDim = r.int(f["output_dim"], f.path("output_dim"), .positive)
        if let backbone, let o = f["output_dim"], outputDim != nil, backbone != "small-alexnet" {
            r.error(o.location, f.path("output_dim"), "output_dim is SmallAlexNet's fc8 width: it applies to small-alexnet only, not \(backbone)")
        }
        var projector: Projector?
        if let p = r.fields(f["projector"], f.path("projector"), required: ["output"],
                            optional: ["hidden", "batch_norm", "last_bias"]),
           let output = r.int(p["output"], p.path("output"), .positive) {
            let hidden = p.has("hidden") ? r.ints(p["hidden"], p.path("hidden"), .positive) : []
            if let hidden {
                projector = Projector(hidden: hidden, output: output, batchNorm: r.bool(p["batch_norm"], p.path("batch_norm")),
                                      lastBias: r.bool(p["last_bias"], p.path("last_bias")))
            }
        }
        guard let backbone else { return nil }
        return ModelSpec(backbone: backbone, stem: stem, outputDim: outputDim, projector: projector)
    }
}
