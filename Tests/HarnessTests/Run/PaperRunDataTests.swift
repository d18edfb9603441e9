import Foundation
import Testing
import Data
@testable import Harness

/// A tiny CIFAR-10 paper: its reduced scale trains a few steps, so the whole path runs in a test.
let cifarSpec = """
version: 1
id: tiny-cifar
paper:
  title: "A Tiny CIFAR Paper"
  authors: [Ada Lovelace]
  venue: ICML 2020
  year: 2020
  arxiv: "2005.10242"
checklist:
  pseudocode: {answer: yes, note: "given"}
  code: {answer: no, note: "none"}
  datasets: {answer: yes, note: "public"}
  splits: {answer: yes, note: "official"}
  hardware: {answer: no, note: "not stated"}
  software: {answer: no, note: "not stated"}
  setup: {answer: partial, note: "most"}
hardware: {description: "not stated"}
data:
  dataset: cifar10
  train_split: train
  eval_train_split: train
  eval_test_split: test
  image_size: 32
augment:
  random_resized_crop: {size: 32, scale: [0.2, 1.0]}
  horizontal_flip: 0.5
model:
  backbone: convnet-s
  projector: {hidden: [32], output: 16, batch_norm: true}
methods:
  - id: contrastive
    label: "NT-Xent"
    loss: {name: nt-xent, temperature: 0.5}
optimizer: {name: sgd, lr: 0.05, momentum: 0.9, weight_decay: 5.0e-4}
schedule: {name: constant}
epochs: 1
batch_size: 16
seeds: 1
evaluation:
  - {id: retrieval, protocol: retrieval, features: projector, test_subset: 40}
claims:
  - {id: sanity.finite, kind: sanity, check: finite, metric: loss}
  - {id: sanity.retrieval-beats-random, kind: sanity, check: above-random, metric: retrieval.top1, margin: 0.0}
variants:
  reduced: {steps: 3}
  full: {}

"""

/// One full-scale row, so a reduced run has a claim that is `not run` for its scale whatever the data.
let cifarExpected = """
version: 1
paper: tiny-cifar
rows:
  - {id: cifar10.contrastive.retrieval, method: contrastive, dataset: cifar10, metric: retrieval.top1, value: 50.0,
     unit: percent, spread: null, scale: full,
     provenance: {source: calibration, ref: "made up for this test", verified: false}}

"""

@Suite(.serialized) struct PaperRunDataTests {
    func run(dataRoot: String, reports: URL, scale: Scale = .reduced) throws -> RunRecord {
        let repo = try ScratchDir()
        try FileManager.default.createDirectory(at: repo.url.appendingPathComponent("papers"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo.url.appendingPathComponent("expected"), withIntermediateDirectories: true)
        try cifarSpec.write(to: repo.url.appendingPathComponent("papers/tiny-cifar.yaml"), atomically: true, encoding: .utf8)
        try cifarExpected.write(to: repo.url.appendingPathComponent("expected/tiny-cifar.yaml"), atomically: true, encoding: .utf8)
        var options = RunOptions(specRoot: repo.url, reportsRoot: reports)
        options.scale = scale
        options.dataRoot = dataRoot
        options.quiet = true
        return try PaperRun(options: options, log: ProgressLog(quiet: true))
            .run(paper: "tiny-cifar", data: DataCatalog(explicitRoot: dataRoot, environment: [:])).record
    }

    @Test func reducedRunReadsCIFAR10FromTheDataRootUnchanged() throws {
        let reports = try ScratchDir()
        let record = try run(dataRoot: sharedCIFAR10Root.path, reports: reports.url)
        #expect(record.trials.count == 1)
        let trial = try #require(record.trials.first)
        #expect(trial.error == nil && trial.dataset == "cifar10" && trial.steps == 3)
        #expect(trial.metrics["retrieval.top1"] != nil && trial.metrics["retrieval.top1.random"] != nil)
        let finite = try #require(record.claims.first { $0.id == "sanity.finite" })
        #expect(finite.verdict == .reproduced)
    }

    @Test func missingDataAtAScaleThatNeedsItStopsTheRunBeforeAnythingIsWritten() throws {
        let data = try ScratchDir(), reports = try ScratchDir()
        let error = #expect(throws: DataError.self) { try run(dataRoot: data.url.path, reports: reports.url) }
        #expect(error?.isMissingData == true)
        #expect(error?.description.contains("\(data.url.path)/cifar-10-batches-bin/") == true)
        #expect(error?.description.contains("replicate data fetch cifar10") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: reports.url.path).isEmpty)
    }

    @Test func missingDataAtFullScaleMakesEveryClaimNotRunWithThePathAndFetchCommand() throws {
        let data = try ScratchDir(), reports = try ScratchDir()
        let record = try run(dataRoot: data.url.path, reports: reports.url, scale: .full)
        #expect(record.trials.isEmpty)
        #expect(record.claims.count == 3)
        for claim in record.claims {
            #expect(claim.verdict == .notRun)
            #expect(claim.message.hasPrefix("data missing: CIFAR-10: missing file \(data.url.path)/cifar-10-batches-bin/"))
            #expect(claim.message.contains("replicate data fetch cifar10"))
        }
        // The reports are written all the same.
        let dir = reports.url.appendingPathComponent("tiny-cifar/\(record.runId)")
        for file in ["index.html", "junit.xml", "results.json", "summary.md"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file)")
        }
    }

    @Test func corruptDataAndABadDataRootStillStopTheRun() throws {
        let data = try ScratchDir(), reports = try ScratchDir()
        let folder = data.url.appendingPathComponent("cifar-10-batches-bin")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in CIFAR10.fileNames(.train) {
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent(name),
                withDestinationURL: sharedCIFAR10Root.appendingPathComponent("cifar-10-batches-bin/\(name)"))
        }
        try Data([1, 2, 3]).write(to: folder.appendingPathComponent("test_batch.bin"))
        let corrupt = #expect(throws: DataError.self) { try run(dataRoot: data.url.path, reports: reports.url) }
        #expect(corrupt?.isMissingData == false)
        #expect(throws: DataRootInvalid.self) { try run(dataRoot: data.url.path + "/nope", reports: reports.url) }
    }
}
