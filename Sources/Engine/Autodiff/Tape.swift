/// The record of one step's differentiable computation: a list of pullbacks.
///
/// Each op runs its forward kernel and, when recording and any input requires a gradient, appends one
/// closure holding what its backward needs. `backward(from:)` seeds the loss gradient with 1 and runs the
/// closures in reverse; every closure *adds* into its inputs' gradients (micrograd style), so one tensor
/// may feed several ops (two views, a momentum branch) without anything being overwritten.
public final class Tape {
    /// Layers read this: batch norm uses batch statistics and updates running ones only when training.
    public var training: Bool
    /// When false, ops run forward only and record nothing (evaluation, momentum encoders).
    public let recording: Bool
    /// Workers, BLAS threads and profiler for every op recorded here (`EngineContext.serial` when not given).
    public let context: EngineContext
    private var pullbacks: [() -> Void] = []

    public init(training: Bool = true, recording: Bool = true, context: EngineContext = .serial) {
        self.training = training
        self.recording = recording
        self.context = context
    }

    /// A tape for inference: no recording, batch norm in evaluation mode.
    public static func inference(context: EngineContext = .serial) -> Tape {
        Tape(training: false, recording: false, context: context)
    }

    /// Number of recorded pullbacks.
    public var count: Int { pullbacks.count }

    /// Whether an op with this input must record a pullback.
    // Fixed-arity overloads: a variadic parameter allocates an array on every op call.
    @inlinable
    public func needsGrad(_ a: Tensor) -> Bool { recording && a.requiresGrad }

    /// Whether an op with these inputs must record a pullback.
    @inlinable
    public func needsGrad(_ a: Tensor, _ b: Tensor) -> Bool { recording && (a.requiresGrad || b.requiresGrad) }

    /// Whether an op with these inputs must record a pullback.
    @inlinable
    public func needsGrad(_ a: Tensor, _ b: Tensor, _ c: Tensor) -> Bool {
        recording && (a.requiresGrad || b.requiresGrad || c.requiresGrad)
    }

    /// Appends a pullback. Call only when `needsGrad` said so; the output must be marked `requiresGrad`.
    /// When the context profiles, the pullback's time counts toward `kind` (nil: the kernel times itself).
    public func record(_ kind: OpProfile.Kind? = .shapeAndElementwise, _ pullback: @escaping () -> Void) {
        if let profile = context.profile, let kind {
            pullbacks.append { profile.measure(kind, pullback) }
        } else {
            pullbacks.append(pullback)
        }
    }

    /// Seeds `d loss / d loss = 1` and runs every pullback in reverse order, forgetting each once it ran.
    ///
    /// Dropping a pullback right after it runs releases what it captured: an op's input and output (and the
    /// output's gradient) die as soon as the last pullback that needs them is gone, as in PyTorch. Memory
    /// then peaks at the forward activations plus one frontier of gradients instead of every activation and
    /// every gradient at once (ResNet-18 on W2: see `replicate bench --workload W2`, peak RSS).
    public func backward(from loss: Tensor) {
        precondition(loss.count == 1, "backward from a non-scalar of shape \(loss.shape)")
        loss.gradBuffer()[0] += 1
        while let pullback = pullbacks.popLast() { pullback() }
    }

    /// Drops the recorded pullbacks (and with them the activations they hold).
    public func reset() { pullbacks.removeAll(keepingCapacity: true) }
}
