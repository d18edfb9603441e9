import NN

/// Everything a pretraining run needs to continue exactly where it stopped.
///
/// The data order and augmentations are pure functions of `(seed, epoch, step)`, so the step is enough to
/// rebuild the batch stream; the rest is parameters, batch-norm buffers, the optimizer's state
/// (`Optimizer.state`) and the training method's state (`TrainingMethod.state`: queue, key encoder, memory bank).
public struct PretrainCheckpoint: Sendable, Equatable {
    public var step: Int
    /// Training loss of every step so far.
    public var losses: [Double]
    /// `values`, `buffers`, `optimizer.*`, `method.*`.
    public var state: TrainingState

    public init(step: Int, losses: [Double], state: TrainingState) {
        self.step = step; self.losses = losses; self.state = state
    }
}

extension Pretrainer {
    /// A copy of the training state after the last completed step.
    public func checkpoint() -> PretrainCheckpoint {
        var state = TrainingState(floats: ["values": store.valueArray, "buffers": store.bufferArray])
        let o = optimizer.state
        state.merge(TrainingState(floats: o.slots, integers: ["steps": [UInt64(o.steps)]]), prefix: "optimizer.")
        state.merge(TrainingState(floats: method.state), prefix: "method.")
        return PretrainCheckpoint(step: step, losses: losses, state: state)
    }

    /// Continues from `checkpoint`: the next `run` starts at its step. Throws `TrainingStateError` (or the
    /// method's `MethodStateError`) when the checkpoint belongs to another model, optimizer or method (the
    /// parameters are then untouched, but a component may be half restored: discard the trainer).
    public func restore(_ checkpoint: PretrainCheckpoint) throws {
        guard checkpoint.step >= 0, checkpoint.step <= settings.steps, checkpoint.losses.count == checkpoint.step else {
            throw TrainingStateError(what: "step \(checkpoint.step) with \(checkpoint.losses.count) losses for a \(settings.steps)-step run")
        }
        let values = try checkpoint.state.floats("values", count: store.count)
        let buffers = try checkpoint.state.floats("buffers", count: store.bufferCount)
        let optimizerState = checkpoint.state.scoped("optimizer."), methodState = checkpoint.state.scoped("method.")
        guard let steps = optimizerState.integers["steps"], steps.count == 1 else {
            throw TrainingStateError(what: "missing 'optimizer.steps'")
        }
        // Restore the components first: they validate their arrays, so a mismatch throws before the store changes.
        // The kind is the running optimizer's: the trial's config hash already pins the optimizer.
        do {
            try optimizer.load(OptimizerState(kind: optimizer.state.kind, steps: Int(steps[0]), slots: optimizerState.floats))
        } catch let e as OptimizerStateMismatch {
            throw TrainingStateError(what: e.reason)
        }
        try method.restore(methodState.floats)
        store.load(values: values, buffers: buffers)
        step = checkpoint.step
        losses = checkpoint.losses
    }
}
