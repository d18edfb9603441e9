import Foundation
import Testing
@testable import Harness

@Test(arguments: [
    ("30", 1800), ("90:30", 5430), ("1:00:00", 3600), ("2-0", 172_800), ("1-12", 129_600), ("1-2:30", 95_400),
    ("0-0:0:5", 5), ("00:00:05", 5),
])
func slurmTimeFormatsParse(_ text: String, _ seconds: Int) throws {
    #expect(try SlurmResources.parseTime(text) == seconds)
}

@Test(arguments: ["", "0", "1h", "-5", "1:2:3:4", "1:60", "1--2", "a", "1-", "10 min", "$(reboot)", "1:00:00\n"])
func malformedTimesAreRefusedNamingTheFlag(_ text: String) {
    #expect { try SlurmResources.parseTime(text) } throws: { ($0 as? SlurmFlagError)?.flag == "--time" }
}

@Test func timeIsWrittenInAFormEverySlurmAccepts() {
    #expect(SlurmResources.formatTime(5) == "0-00:00:05")
    #expect(SlurmResources.formatTime(95_400) == "1-02:30:00")
}

@Test(arguments: [("4000", 4000), ("4000M", 4000), ("16G", 16_384), ("1T", 1_048_576), ("2048K", 2), ("1k", 1)])
func memorySizesParseToMiB(_ text: String, _ mb: Int) throws {
    #expect(try SlurmResources.parseMemory(text) == mb)
}

@Test(arguments: ["", "0", "16GB", "-1G", "1.5G", "G", "16 G", "16G;id"])
func malformedMemoryIsRefused(_ text: String) {
    #expect { try SlurmResources.parseMemory(text) } throws: { ($0 as? SlurmFlagError)?.flag == "--mem" }
}

@Test func gresAcceptsSlurmFormsAndNone() throws {
    #expect(try SlurmResources.parseGres("gpu:2") == "gpu:2")
    #expect(try SlurmResources.parseGres("gpu:a100:4") == "gpu:a100:4")
    #expect(try SlurmResources.parseGres("gpu") == "gpu")
    #expect(try SlurmResources.parseGres("gpu:2,shard:1") == "gpu:2,shard:1")
    #expect(try SlurmResources.parseGres("none") == nil)
    for bad in ["", "GPU:2", "gpu:2 ", "gpu::2", "gpu:$(id)", ":2"] {
        #expect(throws: SlurmFlagError.self) { try SlurmResources.parseGres(bad) }
    }
}

@Test func namesAllowSlurmCharactersOnly() throws {
    #expect(try SlurmResources.parseName("gpu-a100", flag: "--partition", list: true) == "gpu-a100")
    #expect(try SlurmResources.parseName("debug,gpu", flag: "--partition", list: true) == "debug,gpu")
    #expect(throws: SlurmFlagError.self) { try SlurmResources.parseName("debug,gpu", flag: "--account") }
    for bad in ["", "a b", "x;y", "'q'", "-flag", "a\nb"] {
        #expect { try SlurmResources.parseName(bad, flag: "--account") } throws: { ($0 as? SlurmFlagError)?.flag == "--account" }
    }
    #expect(throws: SlurmFlagError.self) { try SlurmResources.checkCPUs(0) }
}

@Test func sbatchOptionsCarryEveryRequest() {
    let r = SlurmResources(partition: "gpu", account: "lab", timeLimitSeconds: 5400, gres: "gpu:2", cpusPerTask: 8, memoryMB: 16_384)
    #expect(r.sbatchOptions == ["--time=0-01:30:00", "--cpus-per-task=8", "--partition=gpu", "--account=lab", "--gres=gpu:2",
                                "--mem=16384M"])
    #expect(SlurmResources(cpusPerTask: 2).sbatchOptions == ["--time=0-01:00:00", "--cpus-per-task=2"])
}
