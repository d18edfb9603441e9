import Foundation
import Testing
@testable import Harness

/// `minimalSpec` with the paper's hardware stated: four V100s.
private func recipes() throws -> (smoke: Recipe, full: Recipe) {
    let text = minimalSpec.replacingOccurrences(of: #"hardware: {description: "not stated"}"#,
                                                with: #"hardware: {description: "4 V100 GPUs", gpus: 4}"#)
    let repo = try TempRepo(files: ["papers/demo.yaml": text])
    defer { repo.remove() }
    let spec = try repo.loader.load(paper: "demo")
    return (spec.resolved(scale: .smoke), spec.resolved(scale: .full))
}

@Test func fullScaleDefaultsAskForThePapersGPUsAndPlansTime() throws {
    let full = try recipes().full
    let r = try SlurmResources.defaults(recipe: full, cpusPerTask: 4)
    #expect(r.gres == "gpu:4")
    #expect(r.cpusPerTask == 4)
    // Whole minutes above the 10-minute margin; whole GiB above the data set's pixels.
    #expect(r.timeLimitSeconds % 60 == 0 && r.timeLimitSeconds > 600)
    let mb = try #require(r.memoryMB)
    #expect(mb % 1024 == 0 && mb * 1_048_576 > SlurmResources.dataBytes(full.data))
}

@Test func smokeScaleAsksForNoGPUsAndLessTimeThanFull() throws {
    let (smoke, full) = try recipes()
    let s = try SlurmResources.defaults(recipe: smoke, cpusPerTask: 2)
    let f = try SlurmResources.defaults(recipe: full, cpusPerTask: 2)
    #expect(s.gres == nil)
    #expect(s.timeLimitSeconds < f.timeLimitSeconds)
}

@Test func dataBytesCountEachSplitOnce() {
    let d = DataSpec(dataset: "fashion-mnist", trainSplit: "train", evalTrainSplit: "train", evalTestSplit: "test", imageSize: 28, imbalance: "none")
    #expect(SlurmResources.dataBytes(d) == (60_000 + 10_000) * 28 * 28)
}
