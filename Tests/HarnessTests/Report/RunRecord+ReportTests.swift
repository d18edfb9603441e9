import Foundation
import Testing
@testable import Harness

@Suite struct RunRecordReportTests {
    @Test func countsEveryVerdict() {
        let r = ReportFixtures.everyVerdict()
        #expect(r.verdictCounts == [.reproduced: 2, .notReproduced: 1, .inconclusive: 1, .notRun: 1, .error: 1, .regressed: 1])
        #expect(r.verdictCounts.values.reduce(0, +) == r.claims.count)
    }

    @Test func reportOrderCoversEveryVerdictOnce() {
        #expect(Set(Verdict.reportOrder) == Set(Verdict.allCases))
        #expect(Verdict.reportOrder.count == Verdict.allCases.count)
    }

    @Test func coloursAreDistinctAndClassesHaveNoSpaces() {
        #expect(Set(Verdict.allCases.map(\.colour)).count == Verdict.allCases.count)
        #expect(Verdict.allCases.allSatisfy { !$0.cssClass.contains(" ") })
        #expect(Verdict.notReproduced.cssClass == "not-reproduced")
    }

    @Test func failuresAreTheVerdictsThatTurnCIRed() {
        #expect(Verdict.allCases.filter(\.isFailure) == [.notReproduced, .error, .regressed])
    }

    @Test func methodsAndDatasetsKeepFirstAppearanceOrder() {
        let r = ReportFixtures.everyVerdict()
        #expect(r.methodsInOrder == ["contrastive", "align-uniform", "mix"])
        #expect(r.datasetsInOrder == ["stl10"])
        #expect(r.suiteName == "align-uniform.reduced")
    }
}
