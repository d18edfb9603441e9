import Foundation
import Testing
@testable import Harness

@Test func signalRaisesTheFlagAndWakesASleeper() throws {
    // SIGUSR2 stands in for Ctrl-C: delivering SIGINT to the test runner would be unkind to it.
    let flag = InterruptFlag()
    flag.install([SIGUSR2])
    defer { flag.uninstall() }
    #expect(!flag.isRaised)
    let start = Date()
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { kill(getpid(), SIGUSR2) }
    flag.sleep(30)
    #expect(flag.isRaised)
    #expect(Date().timeIntervalSince(start) < 25)
    flag.sleep(30)  // already raised: returns at once
    #expect(Date().timeIntervalSince(start) < 25)
}

@Test func sleepWithoutASignalWaitsItsTime() {
    let flag = InterruptFlag()
    let start = Date()
    flag.sleep(0.2)
    #expect(Date().timeIntervalSince(start) >= 0.2)
    #expect(!flag.isRaised)
}
