/// SGD's state is its momentum buffer.
extension SGD: Checkpointable {
    public func trainingState() -> TrainingState { TrainingState(floats: ["velocity": velocity]) }

    public func restore(_ state: TrainingState) throws {
        load(velocity: try state.floats("velocity", count: velocity.count))
    }
}
