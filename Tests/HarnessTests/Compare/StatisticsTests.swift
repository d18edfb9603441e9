import Testing
@testable import Harness

@Test func summaryMatchesHandComputation() {
    let s = Summary([1, 2, 3, 4])
    #expect(s.mean == 2.5)
    #expect(abs(s.std - 1.2909944) < 1e-6)
    // t(0.975, 3) = 3.182446; half-width = 3.182446 * 1.2909944 / 2
    #expect(abs(s.high - s.mean - 2.0542) < 1e-3)
    let one = Summary([0.7])
    #expect(one.low == 0.7 && one.high == 0.7 && one.std == 0)
}

@Test("t quantiles match published values", arguments: [(1.0, 12.7062), (2.0, 4.3027), (4.0, 2.7764), (10.0, 2.2281),
                                                         (30.0, 2.0423), (60.0, 2.0003), (120.0, 1.9799)])
func tQuantiles(df: Double, expected: Double) {
    #expect(abs(Statistics.t975(df: df) - expected) < 2e-3)
}

@Test func welchIntervalOnKnownData() {
    // a: mean 5, var 1 (n 3); b: mean 3, var 4 (n 3). se = sqrt(1/3 + 4/3) = 1.2910; df = 2.941
    let w = Statistics.welch([4, 5, 6], [1, 3, 5])
    #expect(w.difference == 2)
    #expect(abs(w.df - 2.9412) < 1e-3)
    let t = Statistics.t975(df: w.df)
    #expect(abs((w.high - w.low) / 2 - t * 1.2909944) < 1e-6)
    #expect(w.low < 0 && w.high > 4)
}
