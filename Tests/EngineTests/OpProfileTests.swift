import Testing
import Engine

@Test func opProfileCountsTimeAndFlopsOnlyWhenEnabled() {
    OpProfile.reset()
    let x = randomTensor([4, 2, 8, 8], seed: 1), w = randomTensor([3, 4, 3, 3], seed: 2)
    _ = Tape.inference().conv2d(x, weight: w, padding: 1)
    #expect(OpProfile.seconds[.convForward] == 0)
    OpProfile.enabled = true
    defer { OpProfile.enabled = false; OpProfile.reset() }
    _ = Tape.inference().conv2d(x, weight: w, padding: 1)
    #expect(OpProfile.seconds[.convForward]! > 0)
    // 2 · Cout · Cin·k·k · N·H·W (at least: tests running at the same time may add theirs)
    #expect(OpProfile.flops[.convForward]! >= 2 * 3 * 36 * 2 * 64)
}
