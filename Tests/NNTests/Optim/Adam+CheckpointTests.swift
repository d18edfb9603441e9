import Testing
import Engine
import NN

@Test func adamStateKeepsMomentsAndBiasCorrectionStep() throws {
    let a = optimizerStore(), b = optimizerStore()
    let adamA = Adam(count: a.count, weightDecay: 0.01, decoupled: true)
    for _ in 0..<4 { adamA.step(a, lr: 0.01) }
    let state = adamA.trainingState()
    #expect(state.integers["steps"] == [4])
    let adamB = Adam(count: b.count, weightDecay: 0.01, decoupled: true)
    try adamB.restore(state)
    b.load(values: a.valueArray, buffers: a.bufferArray)
    adamA.step(a, lr: 0.01); adamB.step(b, lr: 0.01)
    #expect(a.valueArray == b.valueArray && adamB.steps == 5)
    #expect(throws: TrainingStateError.self) { try adamB.restore(TrainingState(floats: ["m": adamA.m, "v": adamA.v])) }
}
