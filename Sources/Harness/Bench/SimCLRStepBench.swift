import Engine
import NN
import Contrastive

/// Times SimCLR training steps as `scripts/torch_peer.py` defines them.
///
/// One step: zero grads, one forward of the `2B` views stacked as one batch (fixed random input, the
/// same every step), NT-Xent τ = 0.5 with the −1e9 diagonal, backward, SGD lr 0.1, momentum 0.9,
/// weight decay 5e-4 on every parameter (batch norm included).
public struct SimCLRStepBench {
    public let workload: SimCLRWorkload
    public let network: ContrastiveNetwork
    public let store: ParameterStore
    let optimizer: SGD
    let input: Tensor
    let loss = InfoNCE(temperature: 0.5)
    /// Workers and BLAS threads of every step.
    public let context: EngineContext

    /// Nil when the workload's backbone is not in `BackboneRegistry`, or no head fits its feature width.
    public init?(_ workload: SimCLRWorkload, seed: UInt64 = 0, context: EngineContext = .serial) {
        let probe = ParameterLayout()
        guard let backbone = BackboneRegistry.make(workload.backbone, channels: workload.channels,
                                                   imageSize: workload.imageSize, stem: workload.stem, layout: probe),
              let head = workload.heads[backbone.featureDim] else { return nil }
        guard let net = ContrastiveNetwork(backbone: workload.backbone, channels: workload.channels,
                                           imageSize: workload.imageSize, stem: workload.stem, projectorHidden: head?.hidden,
                                           projectorOutput: head?.output, projectorBatchNorm: true) else { return nil }
        self.workload = workload
        self.context = context
        network = net
        var rng = RNG(seed: seed, stream: [0xBE4C])
        store = ParameterStore(layout: net.layout, rng: &rng)
        optimizer = SGD(store: store, momentum: 0.9, weightDecay: 5e-4)
        let n = workload.imagesPerStep, s = workload.imageSize
        input = Tensor(uninitialized: [n, workload.channels, s, s])
        for i in 0..<input.count { input.data[i] = rng.normal() }
    }

    /// Parameters of the assembled network (should equal `workload.parameters`).
    public var parameterCount: Int { store.count }

    /// One training step; returns the loss before the update. `profile` times its ops.
    @discardableResult
    public func step(phases: PhaseTimes? = nil, profile: OpProfile? = nil) -> Float {
        let b = workload.batchPerView
        phases?.start()
        store.zeroGrads()
        phases?.lap(.zeroGrad)
        let tape = Tape(training: true, context: profile.map(context.profiled) ?? context)
        let z = network.embed(input, store, tape)
        phases?.lap(.forward)
        let views = tape.split(z, axis: 0, sizes: [b, b])
        let value = loss(LossInput(views: views), tape: tape)
        phases?.lap(.lossForward)
        tape.backward(from: value)
        phases?.lap(.backward)
        optimizer.step(store, lr: 0.1)
        phases?.lap(.optimizer)
        return value.item
    }
}

/// Wall time of a step's phases, summed over steps.
public final class PhaseTimes {
    public enum Phase: Int, CaseIterable, Sendable {
        case zeroGrad, forward, lossForward, backward, optimizer
        public var label: String {
            switch self {
            case .zeroGrad: return "zero grads"
            case .forward: return "forward (network)"
            case .lossForward: return "forward (loss)"
            case .backward: return "backward (all)"
            case .optimizer: return "optimizer (SGD)"
            }
        }
    }

    public private(set) var seconds = [Double](repeating: 0, count: Phase.allCases.count)
    private var last = 0.0

    public init() {}

    func start() { last = BenchTimer.now() }

    func lap(_ phase: Phase) {
        let t = BenchTimer.now()
        seconds[phase.rawValue] += t - last
        last = t
    }
}
