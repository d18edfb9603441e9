import Testing
import Engine

@Test func costCounterCountsThisThreadsGEMMsAndAllocations() {
    let a = randomTensor([3, 4], seed: 1), b = randomTensor([4, 5], seed: 2)
    let cost = CostCounter.measure { _ = Tape.inference().matmul(a, b) }
    #expect(cost.macs == 3 * 4 * 5)
    #expect(cost.bytes == 3 * 5 * 4)  // the (3, 5) float result
    let empty = CostCounter.measure {}
    #expect(empty.macs == 0 && empty.bytes == 0)
    let outer = CostCounter.measure {
        _ = Tape.inference().matmul(a, b)
        #expect(CostCounter.measure { _ = Tape.inference().matmul(a, b) }.macs == 60)
    }
    #expect(outer.macs == 60)  // the inner region counts for the inner measurement only
}
