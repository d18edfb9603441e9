import Foundation
@testable import Harness

/// A throwaway repository root with `papers/` and `expected/`, written from strings.
struct TempRepo {
    let root: URL

    init(files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("spec-tests-\(UUID().uuidString)")
        for dir in ["papers", "expected"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    var loader: SpecLoader { SpecLoader(root: root) }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The repository checkout this test file lives in (for the real papers/ and expected/).
let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}()

/// A small valid spec; fixtures are this text with one edit. Line numbers in assertions refer to it.
let minimalSpec = """
version: 1
id: demo
paper:
  title: "A Demo Paper"
  authors: [Ada Lovelace]
  venue: ICML 2020
  year: 2020
  arxiv: "2005.10242"
checklist:
  pseudocode: {answer: yes, note: "given"}
  code: {answer: no, note: "none"}
  datasets: {answer: yes, note: "public"}
  splits: {answer: partial, note: "some"}
  hardware: {answer: no, note: "not stated"}
  software: {answer: no, note: "not stated"}
  setup: {answer: partial, note: "most"}
hardware: {description: "not stated"}
data:
  dataset: fashion-mnist
  train_split: train
  eval_train_split: train
  eval_test_split: test
  image_size: 28
augment:
  random_resized_crop: {size: 28, scale: [0.2, 1.0]}
  horizontal_flip: 0.5
model:
  backbone: convnet-s
  projector: {hidden: [128], output: 64, batch_norm: true}
methods:
  - id: contrastive
    label: "NT-Xent"
    loss: {name: nt-xent, temperature: 0.5}
  - id: align-uniform
    label: "align + uniform"
    loss: {name: align-uniform, align_weight: 1, uniform_weight: 1, alpha: 2, t: 2}
optimizer: {name: sgd, lr: 0.12, momentum: 0.9, weight_decay: 5.0e-4}
schedule: {name: constant}
epochs: 10
batch_size: 128
seeds: 3
evaluation:
  - {id: retrieval, protocol: retrieval, features: projector, test_subset: 1000}
  - {id: probe, protocol: linear-probe, features: encoder, optimizer: {name: adam, lr: 1.0e-3}, epochs: 10, batch_size: 256}
claims:
  - {id: sanity.finite, kind: sanity, check: finite, metric: loss}
  - {id: au-beats-c, kind: relative, better: align-uniform, worse: contrastive, metric: retrieval.top1, quote: "q"}
variants:
  smoke: {steps: 100}
  full: {}

"""
