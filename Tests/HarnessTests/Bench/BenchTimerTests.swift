import Testing
@testable import Harness

@Test func spreadOrdersAndTakesTheMedian() {
    #expect(Spread([3, 1, 2]) == Spread(min: 1, median: 2, max: 3))
    #expect(Spread([4, 1, 3, 2]).median == 2.5)
    #expect(Spread([1, 2, 4]).map { 4 / $0 } == Spread(min: 1, median: 2, max: 4))
}

@Test func timerRunsWarmupThenGroups() {
    var calls = 0
    let times = BenchTimer(warmup: 2, measurements: 4, steps: 3).run { calls += 1 }
    #expect(times.count == 4 && calls == 2 + 4 * 3)
    #expect(times.allSatisfy { $0 >= 0 })
}

@Test func timerStopsAfterBudgetOnceThreeGroupsAreDone() {
    var calls = 0
    let times = BenchTimer(warmup: 0, measurements: 50, steps: 1, budget: 0).run { calls += 1 }
    #expect(times.count == 3 && calls == 3)
}
