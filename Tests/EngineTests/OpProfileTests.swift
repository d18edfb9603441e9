import Testing
import Engine

@Test func opProfileCountsTimeAndFlopsOnlyOnTapesOfItsContext() {
    let profile = OpProfile()
    let x = randomTensor([4, 2, 8, 8], seed: 1), w = randomTensor([3, 4, 3, 3], seed: 2)
    _ = Tape.inference().conv2d(x, weight: w, padding: 1)
    #expect(profile.seconds[.convForward] == 0)
    _ = Tape.inference(context: EngineContext(workers: 2, profile: profile)).conv2d(x, weight: w, padding: 1)
    #expect(profile.seconds[.convForward]! > 0)
    // 2 · Cout · Cin·k·k · N·H·W, exactly: no other test shares this profile.
    #expect(profile.flops[.convForward]! == 2 * 3 * 36 * 2 * 64)
    profile.reset()
    #expect(profile.seconds[.convForward] == 0)
}

@Test func pullbacksOfAProfiledTapeAddToTheirKind() {
    let profile = OpProfile()
    let x = randomTensor([4, 2, 8, 8], seed: 1), w = randomTensor([3, 4, 3, 3], seed: 2)
    w.requiresGrad = true
    let tape = Tape(context: EngineContext(workers: 1, profile: profile))
    let y = tape.relu(tape.conv2d(x, weight: w, padding: 1))
    tape.backward(from: tape.sum(y))
    #expect(profile.seconds[.convBackwardWeight]! > 0)
    #expect(profile.seconds[.reluBackward]! > 0)
    #expect(profile.seconds[.convBackwardData] == 0)  // x needs no gradient
}
