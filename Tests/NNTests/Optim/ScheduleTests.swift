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
