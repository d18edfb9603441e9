import Testing
import NN

@Test func mergeAndScopeArePrefixInverses() {
    var all = TrainingState(floats: ["values": [1, 2]])
    all.merge(TrainingState(floats: ["velocity": [3]], integers: ["steps": [7]]), prefix: "optimizer.")
    #expect(all.floats.keys.sorted() == ["optimizer.velocity", "values"])
    let scoped = all.scoped("optimizer.")
    #expect(scoped == TrainingState(floats: ["velocity": [3]], integers: ["steps": [7]]))
    #expect(all.scoped("method.") == TrainingState())
}

@Test func floatsChecksPresenceAndLength() throws {
    let s = TrainingState(floats: ["v": [1, 2, 3]])
    #expect(try s.floats("v", count: 3) == [1, 2, 3])
    #expect(throws: TrainingStateError.self) { try s.floats("v", count: 4) }
    #expect(throws: TrainingStateError.self) { try s.floats("w", count: 3) }
}
