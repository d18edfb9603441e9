/// Adam's state is its two moment buffers and the step count of the bias corrections.
extension Adam: Checkpointable {
    public func trainingState() -> TrainingState {
        TrainingState(floats: ["m": m, "v": v], integers: ["steps": [UInt64(steps)]])
    }

    public func restore(_ state: TrainingState) throws {
        let mm = try state.floats("m", count: m.count), vv = try state.floats("v", count: v.count)
        guard let s = state.integers["steps"], s.count == 1 else { throw TrainingStateError(what: "missing 'steps'") }
        m = mm; v = vv; steps = Int(s[0])
    }
}
