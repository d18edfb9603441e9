import Testing
@testable import Harness

@Test("FLOP counts are the README's (x3, GFLOP per step)", arguments: [
    (BenchWorkload.w1, 23.07, 22.83), (.w2, 855.2, 855.2), (.w3, 298.7, 298.7),
])
func benchFlopCounts(w: BenchWorkload, x3: Double, exact: Double) throws {
    let s = try #require(w.simclr)
    #expect(abs(s.flopsPerStep / 1e9 - x3) < 0.05)
    #expect(abs(s.exactFlopsPerStep / 1e9 - exact) < 1.5)  // W2/W3: the README gives only x3
    #expect(s.exactFlopsPerStep < s.flopsPerStep)
}

@Test func smokeBatchHalvesTheWork() throws {
    let w1 = try #require(BenchWorkload.w1.simclr)
    let smoke = w1.with(batchPerView: 128)
    #expect(smoke.imagesPerStep == 256)
    #expect(smoke.forwardMacs < w1.forwardMacs / 2 + 1)  // z zᵀ shrinks by 4
}
