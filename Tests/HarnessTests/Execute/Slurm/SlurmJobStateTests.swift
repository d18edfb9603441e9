import Testing
@testable import Harness

@Test(arguments: SlurmJobState.allCases)
func everyStateParsesFromItsSlurmName(_ s: SlurmJobState) {
    #expect(SlurmJobState(slurm: s.rawValue) == s)
}

@Test func sacctDecorationsAndUnknownStates() {
    #expect(SlurmJobState(slurm: "CANCELLED by 0") == .cancelled)
    #expect(SlurmJobState(slurm: "running") == .running)
    #expect(SlurmJobState(slurm: "LAUNCH_FAILED_NEW_STATE") == nil)
}

@Test func finalStatesAreTheOnesThatDoNotRunAgain() {
    let final: Set<SlurmJobState> = [.completed, .failed, .cancelled, .timeout, .nodeFail, .outOfMemory, .bootFail, .deadline,
                                     .preempted, .revoked, .specialExit]
    for s in SlurmJobState.allCases { #expect(s.isFinal == final.contains(s), "\(s)") }
}

@Test(arguments: [
    (SlurmJobState.timeout, SlurmTaskFailure.timeLimit, true), (.deadline, .timeLimit, true), (.nodeFail, .nodeFailure, true),
    (.bootFail, .nodeFailure, true), (.preempted, .preempted, true), (.cancelled, .cancelled, false),
    (.outOfMemory, .outOfMemory, false), (.completed, .noResult, false), (.failed, .exitCode(3), false),
])
func finalStatesMapToVerdicts(_ state: SlurmJobState, _ failure: SlurmTaskFailure, _ retry: Bool) {
    let f = SlurmTaskFailure(state: state, exitCode: 3)
    #expect(f == failure)
    #expect(f?.isRetryable == retry)
    #expect(f.map { !$0.summary.isEmpty } == true)
}

@Test func activeStatesHaveNoVerdict() {
    for s in SlurmJobState.allCases where !s.isFinal { #expect(SlurmTaskFailure(state: s, exitCode: nil) == nil) }
}
