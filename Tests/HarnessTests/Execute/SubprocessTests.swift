import Foundation
import Testing
@testable import Harness

@Test func argumentsReachTheProgramWithoutAShell() throws {
    let args = ["$HOME", "a;b", "it's", "`id`", "two words"]
    let out = try Subprocess.run("printf", ["%s\n"] + args)
    #expect(out.status == 0)
    #expect(out.stdout == args.map { $0 + "\n" }.joined())
}

@Test func exitStatusAndStderrAreReported() throws {
    let out = try Subprocess.run("/bin/bash", ["-c", "echo first >&2; echo last words >&2; exit 3"])
    #expect(out.status == 3)
    #expect(out.lastLine == "last words")
}

@Test func fullPipesOnBothStreamsDoNotDeadlock() throws {
    // 1 MB on each stream: far more than a pipe buffer holds.
    let out = try Subprocess.run("/bin/bash", ["-c", "head -c 1000000 /dev/zero | tr '\\0' a; head -c 1000000 /dev/zero | tr '\\0' b >&2"])
    #expect(out.stdout.utf8.count == 1_000_000)
    #expect(out.stderr.utf8.count == 1_000_000)
}

@Test func inputIsPassedOnStdin() throws {
    let out = try Subprocess.run("cat", [], input: Data("hello\n".utf8))
    #expect(out.stdout == "hello\n")
}

@Test func missingProgramIsALaunchErrorNamingIt() {
    #expect {
        _ = try Subprocess.run("replicate-no-such-program", [])
    } throws: { error in
        (error as? Subprocess.LaunchError)?.program == "replicate-no-such-program"
    }
}

@Test func namesAreResolvedThroughPath() throws {
    let sh = try Subprocess.resolve("sh")
    #expect(sh.hasPrefix("/") && FileManager.default.isExecutableFile(atPath: sh))
    #expect(try Subprocess.resolve("/already/absolute") == "/already/absolute")
}
