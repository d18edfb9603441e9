import Foundation
import Engine
import NN
import Data
import Contrastive

/// A recipe the engine cannot build (a name the spec validator accepts but no code implements yet).
public struct RecipeUnsupported: UserInputError {
    public var paper: String
    public var what: String
    public var description: String { "papers/\(paper).yaml: \(what)" }
}

/// The engine objects a trial config resolves to.
struct TrialPlan {
    let network: ContrastiveNetwork
    let loss: any ContrastiveLoss
    /// A fresh one per plan: it holds the trial's queue, bank or key encoder.
    let method: any TrainingMethod
    let pipeline: AugmentPipeline
    let config: TrialConfig

    init(_ c: TrialConfig, channels: Int) throws {
        config = c
        let unsupported = { (what: String) in RecipeUnsupported(paper: c.paper, what: what) }
        // A trial file can carry what the spec validator refuses; a key the backbone would ignore is refused here too.
        if c.model.stem != nil, !KnownNames.resnets.contains(c.model.backbone) {
            throw unsupported("model.stem applies to resnet18/resnet50 only, not \(c.model.backbone)")
        }
        if c.method.sweep != nil {   // the spec layer expands a sweep into one method per value before any trial
            throw unsupported("method '\(c.method.id)': a trial trains one method; its sweep must be expanded by the spec")
        }
        if let t = c.threads, t.conv == nil {
            throw unsupported("threads.convPath '\(t.convPath ?? "")' is not a conv path (have: im2col, onednn, measured)")
        }
        if let t = c.threads, t.products == nil {
            throw unsupported("threads.productPath '\(t.productPath ?? "")' is not a path (have: im2col, onednn, measured)")
        }
        if let layout = c.threads?.activationLayout, layout != EngineThreads.blockedLayout {
            throw unsupported("threads.activationLayout '\(layout)' is not a layout (have: \(EngineThreads.blockedLayout), or none for CNHW)")
        }
        if c.model.outputDim != nil, c.model.backbone != "small-alexnet" {
            throw unsupported("model.output_dim applies to small-alexnet only, not \(c.model.backbone)")
        }
        let projector = c.method.useProjector ? c.model.projector : nil
        guard let net = ContrastiveNetwork(backbone: c.model.backbone, channels: channels, imageSize: c.data.imageSize,
                                           stem: c.model.stem, outputDim: c.model.outputDim,
                                           projectorHidden: projector?.hidden, projectorOutput: projector?.output,
                                           projectorBatchNorm: projector?.batchNorm ?? true,
                                           projectorLastBias: projector?.lastBias ?? true)
        else { throw unsupported("backbone '\(c.model.backbone)' is not implemented yet (have: \(BackboneRegistry.names.joined(separator: ", ")))") }
        network = net
        for e in c.evaluation where !["encoder", "projector", "output"].contains(e.features) {
            guard net.backbone.namedFeatureDims[e.features] != nil else {
                throw unsupported("evaluation '\(e.id)': backbone '\(c.model.backbone)' has no feature layer '\(e.features)'")
            }
        }
        for e in c.evaluation {
            // Trained heads: refuse what `TrialEvaluator` cannot run before any training is spent.
            if let s = e.schedule, e.optimizer?.name != "lbfgs" {
                do { _ = try Self.schedule(s, steps: 1, stepsPerEpoch: 1, paper: c.paper) } catch {
                    throw unsupported("evaluation '\(e.id)': schedule '\(s.name)' with these settings is not implemented yet")
                }
            }
            if e.protocol == "few-label", let o = e.optimizer, o.name == "lbfgs" {
                throw unsupported("evaluation '\(e.id)': a few-label head trains by minibatch steps, not lbfgs")
            }
        }
        guard let entry = LossRegistry.entry(named: c.method.loss.name) else {
            throw unsupported("method '\(c.method.id)': loss '\(c.method.loss.name)' is not implemented yet (have: \(LossRegistry.names.joined(separator: ", ")))")
        }
        // Resolved once; the entry's declarations are checked before the loss is built (a trial file can hold
        // what the spec validator would refuse).
        let params: [String: Double]
        switch entry.resolve(c.method.loss.parameters) {
        case .success(let p): params = p
        case .failure(let e): throw unsupported("method '\(c.method.id)': \(e)")
        }
        if let problem = LossCatalog.componentProblem(c.method, viewsGiven: true) {
            throw unsupported("method '\(c.method.id)': \(problem.key): \(problem.message)")
        }
        if c.method.memoryBank == nil, entry.views(params) != c.method.views {
            throw unsupported("method '\(c.method.id)': loss '\(entry.name)' consumes \(entry.views(params)) views per image, found views: \(c.method.views)")
        }
        loss = entry.make(params)
        method = try Self.makeMethod(c.method, loss: loss, network: net, baseLR: c.trainingOptimizer.lr, paper: c.paper)
        pipeline = try Self.makePipeline(c.augment, views: c.method.views, channels: channels, dataset: c.data.dataset,
                                         imageSize: c.data.imageSize)
    }

    static func makePipeline(_ a: AugmentSpec, views: Int, channels: Int, dataset: String, imageSize: Int) throws
        -> AugmentPipeline {
        let crop = try a.randomResizedCrop.map {
            try RandomResizedCrop(size: $0.size, scale: ($0.scale[0], $0.scale[1]),
                                  ratio: $0.ratio.map { ($0[0], $0[1]) } ?? (3.0 / 4.0, 4.0 / 3.0))
        }
        var norm: Normalization = dataset == "fashion-mnist" ? FashionMNIST.normalization : .unit(channels: channels)
        if let n = a.normalize { norm = Normalization(mean: n.mean.map { Float($0) }, std: n.std.map { Float($0) }) }
        let jitter = try a.colorJitter.map {
            try ColorJitter(brightness: $0.brightness, contrast: $0.contrast, saturation: $0.saturation, hue: $0.hue,
                            probability: $0.p)
        }
        let gray = try a.grayscale.map { try RandomGrayscale(probability: $0) }
        // The blur kernel is a fraction of the image side (SimCLR: 10 %), as the spec's kernel_fraction says.
        let side = a.randomResizedCrop?.size ?? imageSize
        let blur = try a.gaussianBlur.map {
            try GaussianBlur(kernelSize: GaussianBlur.kernelSize(fraction: $0.kernelFraction ?? 0.1, side: side),
                             sigma: ($0.sigma[0], $0.sigma[1]), probability: $0.p)
        }
        return try AugmentPipeline(views: views, crop: crop, flipProbability: a.horizontalFlip ?? 0, colorJitter: jitter,
                                   grayscale: gray, blur: blur, normalization: norm)
    }

    func settings(steps: Int, stepsPerEpoch: Int) throws -> PretrainSettings {
        let optimizer = config.trainingOptimizer
        guard ["sgd", "adam", "adamw", "lars"].contains(optimizer.name) else {
            throw RecipeUnsupported(paper: config.paper, what: "optimizer '\(optimizer.name)' cannot pretrain (have: sgd, adam, adamw, lars)")
        }
        return PretrainSettings(steps: steps, baseLR: optimizer.lr,
                                schedule: try Self.schedule(config.schedule, steps: steps, stepsPerEpoch: stepsPerEpoch, paper: config.paper),
                                optimizer: Self.optimizer(optimizer), seed: UInt64(config.seed))
    }

    /// The engine's optimizer for a spec; unstated hyper-parameters take the defaults of the code the papers
    /// use (PyTorch's for sgd/adam/adamw, incl. AdamW's weight decay 0.01; SimCLR's LARS: momentum 0.9,
    /// trust coefficient 1e-3, BN and biases excluded).
    static func optimizer(_ o: OptimizerSpec) -> OptimizerSettings {
        let betas = o.betas ?? [0.9, 0.999]
        let algorithm: OptimizerAlgorithm
        var decay = o.weightDecay ?? 0, exclude = o.excludeBNBias ?? false
        switch o.name {
        case "adam", "adamw":
            algorithm = .adam(beta1: Float(betas[0]), beta2: Float(betas[1]), eps: Float(o.eps ?? 1e-8),
                              decoupled: o.name == "adamw")
            if o.name == "adamw" { decay = o.weightDecay ?? 1e-2 }
        case "lars":
            algorithm = .lars(momentum: Float(o.momentum ?? 0.9), trustCoefficient: Float(o.trustCoefficient ?? 1e-3),
                              nesterov: o.nesterov ?? false)
            exclude = o.excludeBNBias ?? true
        default:
            algorithm = .sgd(momentum: Float(o.momentum ?? 0), nesterov: o.nesterov ?? false)
        }
        return OptimizerSettings(algorithm, weightDecay: Float(decay), excludeBNAndBias: exclude)
    }

    /// A per-step schedule from an epoch-based spec.
    static func schedule(_ s: ScheduleSpec, steps: Int, stepsPerEpoch: Int, paper: String) throws -> Schedule {
        if ["cosine", "warmup-cosine"].contains(s.name), let floor = s.finalLR, floor > 0 {
            throw RecipeUnsupported(paper: paper, what: "schedule '\(s.name)' with final_lr > 0 is not implemented yet")
        }
        switch s.name {
        case "constant": return .constant
        case "multistep": return .multistep(milestones: (s.milestones ?? []).map { $0 * stepsPerEpoch }, gamma: s.gamma ?? 0.1)
        case "cosine": return .cosine(total: steps)
        case "warmup-cosine": return .warmupCosine(warmup: (s.warmupEpochs ?? 0) * stepsPerEpoch, total: steps)
        case "exponential":
            guard let final = s.finalLR, final > 0 else {
                throw RecipeUnsupported(paper: paper, what: "schedule 'exponential' needs a positive final_lr")
            }
            return .exponential(total: steps, final: final)
        default: throw RecipeUnsupported(paper: paper, what: "schedule '\(s.name)' is not implemented yet")
        }
    }
}
