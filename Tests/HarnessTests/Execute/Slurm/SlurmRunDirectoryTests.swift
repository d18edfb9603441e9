import Foundation
import Testing
@testable import Harness

@Test func statusFilesResultsAndLogTailsAreRead() throws {
    let dir = SlurmRunDirectory(url: FileManager.default.temporaryDirectory.appendingPathComponent("run-dir-\(UUID().uuidString)"))
    try dir.create()
    defer { try? FileManager.default.removeItem(at: dir.url) }
    try "state=EXITED rc=3 job=12_4 restart=1\n".write(to: dir.status(4), atomically: true, encoding: .utf8)
    #expect(dir.taskStatus(4) == ["state": "EXITED", "rc": "3", "job": "12_4", "restart": "1"])
    #expect(dir.taskStatus(5).isEmpty)
    for name in ["0.json", "11.json", ".11.json.tmp-77", "notes.txt"] {
        try "{}".write(to: dir.results.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    #expect(dir.finishedIndices() == [0, 11])
    try "a\nb\nc\nd\n".write(to: dir.log(2), atomically: true, encoding: .utf8)
    #expect(dir.logTail(2) == "b | c | d")
    #expect(dir.logTail(3) == "")
}

@Test func manifestRoundTripsAndRefusesOtherVersions() throws {
    let dir = SlurmRunDirectory(url: FileManager.default.temporaryDirectory.appendingPathComponent("run-dir-\(UUID().uuidString)"))
    try dir.create()
    defer { try? FileManager.default.removeItem(at: dir.url) }
    let origin = SlurmRunManifest.Origin(paper: "tiny", scale: "smoke", seeds: 2, specRoot: "/s", reportsRoot: "/r", dataRoot: "/d",
                                         convPath: "measured")
    var m = SlurmRunManifest(runId: "tiny-smoke-x", createdAt: Date(timeIntervalSince1970: 1_800_000_000), origin: origin,
                             executable: "/bin/replicate", resources: SlurmResources(gres: "gpu:1", cpusPerTask: 2),
                             arrays: ["12"], tasks: [.init(configHash: "abc", label: "t", jobs: ["12_0"], timeLimitSeconds: 60)])
    try m.write(to: dir)
    let back = try SlurmRunManifest.load(from: dir)
    #expect(back.tasks.first?.jobs == ["12_0"] && back.origin.seeds == 2 && back.resources == m.resources)
    #expect(back.origin.convPath == "measured")   // collect rebuilds the run's trial keys with it
    #expect(back.createdAt == m.createdAt)

    m.version = 99
    try m.write(to: dir)
    #expect { try SlurmRunManifest.load(from: dir) } throws: { "\($0)".contains("manifest version 99") }
    try FileManager.default.removeItem(at: dir.manifest)
    #expect { try SlurmRunManifest.load(from: dir) } throws: { ($0 as? SlurmRunNotFound)?.path == dir.manifest.path }
}
