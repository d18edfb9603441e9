import Foundation
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

@Test("t quantiles equal SciPy's for integer and fractional df", arguments: StatisticsReference.tQuantiles.indices)
func tQuantilesMatchSciPy(i: Int) {
    let (p, df, expected) = StatisticsReference.tQuantiles[i]
    let q = StudentT.quantile(p, df: df)
    #expect(abs(q - expected) <= 1e-9 * max(1, abs(expected)), "p \(p) df \(df): \(q) vs \(expected)")
}

@Test("t CDF equals SciPy's", arguments: StatisticsReference.tCDF.indices)
func tCDFMatchesSciPy(i: Int) {
    let (t, df, expected) = StatisticsReference.tCDF[i]
    #expect(abs(StudentT.cdf(t, df: df) - expected) < 1e-12, "t \(t) df \(df)")
}

@Test func fractionalDfIsNotInterpolated() {
    // The example: linear interpolation gave 8.50 at df 1.5; the exact quantile is 6.0167.
    #expect(abs(Statistics.t975(df: 1.5) - 6.016663104427929) < 1e-9)
}

@Test("normal quantile equals SciPy's", arguments: StatisticsReference.normalQuantiles.indices)
func normalQuantilesMatchSciPy(i: Int) {
    let (p, expected) = StatisticsReference.normalQuantiles[i]
    #expect(abs(Normal.quantile(p) - expected) < 1e-12 * max(1, abs(expected)))
}

@Test("paired and Welch intervals equal SciPy's ttest_rel / ttest_ind", arguments: StatisticsReference.intervals.indices)
func intervalsMatchSciPy(i: Int) {
    let (a, b, alpha, pl, ph, wl, wh) = StatisticsReference.intervals[i]
    let p = Statistics.paired(a, b, alpha: alpha), w = Statistics.welch(a, b, alpha: alpha)
    #expect(p.method == .paired && w.method == .welch)
    #expect(abs(p.low - pl) < 1e-12 && abs(p.high - ph) < 1e-12, "paired \(p.low) \(p.high) vs \(pl) \(ph)")
    #expect(abs(w.low - wl) < 1e-12 && abs(w.high - wh) < 1e-12, "Welch \(w.low) \(w.high) vs \(wl) \(wh)")
}

@Test("detectable difference at 80 % power", arguments: StatisticsReference.detectable.indices)
func detectableMatchesSciPy(i: Int) {
    let (sd, n, alpha, expected) = StatisticsReference.detectable[i]
    let d = Power.detectable(standardError: sd / Double(n).squareRoot(), df: Double(n - 1), alpha: alpha)
    #expect(abs(d - expected) < 1e-12)
}

@Test("seeds needed for an effect", arguments: StatisticsReference.seedsNeeded.indices)
func seedsNeededMatchesLinearSearch(i: Int) {
    let (delta, sd, alpha, expected) = StatisticsReference.seedsNeeded[i]
    #expect(Power.seedsNeeded(delta: delta, sd: sd, alpha: alpha) == expected)
}

@Test("O'Brien-Fleming-type alpha spending", arguments: StatisticsReference.spending.indices)
func spendingMatchesSciPy(i: Int) {
    let (tau, alpha, expected) = StatisticsReference.spending[i]
    #expect(abs(AlphaSpending.spent(tau, alpha: alpha) - expected) < 1e-12)
}

@Test func spendingSharesAddUpToAlpha() {
    let looks = AlphaSpending.looks(start: 3, maxSeeds: 10)
    #expect(looks == [3, 6, 9, 10])
    let levels = AlphaSpending.levels(looks: looks, maxSeeds: 10, alpha: 0.05)
    #expect(abs(levels.reduce(0, +) - 0.05) < 1e-12)
    #expect(levels.allSatisfy { $0 > 0 })
}
