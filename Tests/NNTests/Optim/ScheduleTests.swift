import Testing
import NN

@Test func schedulesArePureFunctionsOfTheStep() {
    #expect(Schedule.constant.rate(base: 0.3, step: 1000) == 0.3)
    let ms = Schedule.multistep(milestones: [10, 20], gamma: 0.1)
    #expect(ms.rate(base: 1, step: 9) == 1)
    #expect(abs(ms.rate(base: 1, step: 10) - 0.1) < 1e-12)
    #expect(abs(ms.rate(base: 1, step: 25) - 0.01) < 1e-12)
    let c = Schedule.cosine(total: 100)
    #expect(c.rate(base: 2, step: 0) == 2)
    #expect(abs(c.rate(base: 2, step: 50) - 1) < 1e-12)
    #expect(abs(c.rate(base: 2, step: 100)) < 1e-12)
    let wc = Schedule.warmupCosine(warmup: 10, total: 110)
    #expect(abs(wc.rate(base: 1, step: 0) - 0.1) < 1e-12)
    #expect(abs(wc.rate(base: 1, step: 9) - 1) < 1e-12)
    #expect(abs(wc.rate(base: 1, step: 60) - 0.5) < 1e-12)
}

@Test func exponentialScheduleDecaysGeometricallyToItsFinalRate() {
    let e = Schedule.exponential(total: 100, final: 1e-6)
    #expect(e.rate(base: 1e-2, step: 0) == 1e-2)
    #expect(abs(e.rate(base: 1e-2, step: 50) - 1e-4) < 1e-15)  // halfway in log space
    #expect(abs(e.rate(base: 1e-2, step: 100) - 1e-6) < 1e-18)
    #expect(e.rate(base: 1e-2, step: 150) == e.rate(base: 1e-2, step: 100))
    // Equal ratios between equally spaced steps (PyTorch's ExponentialLR with a constant gamma).
    let r1 = e.rate(base: 1e-2, step: 11) / e.rate(base: 1e-2, step: 10), r2 = e.rate(base: 1e-2, step: 71) / e.rate(base: 1e-2, step: 70)
    #expect(abs(r1 - r2) < 1e-12)
}
