import Foundation
import Testing
import Data
@testable import Harness

@Suite struct DataCatalogTests {
    func spec(_ dataset: String, train: String = "train", evalTrain: String = "train", test: String = "test",
              size: Int = 32, imbalance: String = "none", trainSubset: Int? = nil) -> DataSpec {
        DataSpec(dataset: dataset, trainSplit: train, evalTrainSplit: evalTrain, evalTestSplit: test,
                 imageSize: size, imbalance: imbalance, trainSubset: trainSubset)
    }

    @Test func aTrainSubsetShrinksThePretrainingSplitOnlyTheSameForEverySeedAndAfterTheImbalance() throws {
        let catalog = DataCatalog(explicitRoot: sharedCIFAR10Root.path, environment: [:])
        let small = try catalog.splits(for: spec("cifar10", trainSubset: 2_000))
        #expect(small.train.count == 2_000 && small.evalTrain.count == 50_000 && small.test.count == 10_000)
        // A fresh catalog chooses the same images (the choice does not depend on the trial seed or the cache).
        let again = try DataCatalog(explicitRoot: sharedCIFAR10Root.path, environment: [:]).splits(for: spec("cifar10", trainSubset: 2_000))
        #expect(again.train.labels == small.train.labels && again.train.name == small.train.name)
        #expect(Set(small.train.labels).count == 10)
        let imbalanced = try catalog.splits(for: spec("cifar10", imbalance: "cacr-cifar10", trainSubset: 27_500))
        #expect(imbalanced.train.classHistogram == (1...10).map { $0 * 500 })
        #expect(throws: DataUnavailable.self) { try catalog.splits(for: spec("cifar10", imbalance: "cacr-cifar10", trainSubset: 27_501)) }
    }

    @Test func cifar10SplitsWithTheCACRImbalanceOnThePretrainingSplitOnly() throws {
        let catalog = DataCatalog(explicitRoot: sharedCIFAR10Root.path, environment: [:])
        try catalog.checkRoot()
        let balanced = try catalog.splits(for: spec("cifar10"))
        #expect(balanced.train.count == 50_000 && balanced.test.count == 10_000 && balanced.classes == 10)
        let imbalanced = try catalog.splits(for: spec("cifar10", imbalance: "cacr-cifar10"))
        // Class i keeps floor((i+1)/10 · 5000): 500, 1000, …, 5000 — 27,500 images.
        #expect(imbalanced.train.classHistogram == (1...10).map { $0 * 500 })
        #expect(imbalanced.evalTrain.count == 50_000 && imbalanced.test.count == 10_000)
    }

    @Test func everySpecDatasetAndSplitHasAReader() {
        for (name, splits) in KnownNames.datasetSplits {
            let entry = try? DatasetCatalog.entry(named: name)
            #expect(entry != nil, "\(name)")
            for s in splits { #expect(entry?.splits.contains(s) == true, "\(name)/\(s)") }
        }
    }

    @Test func missingDataIsMissingAndABadRootIsBadInput() throws {
        let dir = try ScratchDir()
        let catalog = DataCatalog(explicitRoot: dir.url.path, environment: [:])
        let error = #expect(throws: DataError.self) { try catalog.splits(for: spec("stl10", train: "train+unlabeled")) }
        #expect(error?.isMissingData == true)
        #expect(error?.description.contains("stl10_binary.tar.gz") == true)

        let typo = DataCatalog(explicitRoot: dir.url.path + "-typo", environment: [:])
        let bad = #expect(throws: DataRootInvalid.self) { try typo.checkRoot() }
        #expect(bad?.description.hasPrefix("--data-root \(dir.url.path)-typo: not a folder") == true)
        let env = DataCatalog(explicitRoot: nil, environment: ["REPLICATE_DATA": "/nonexistent/data"])
        #expect(throws: DataRootInvalid.self) { try env.checkRoot() }
        // The default root may be absent: that is missing data, not bad input.
        try DataCatalog(explicitRoot: nil, environment: [:]).checkRoot()
    }

    @Test func unknownNamesAreBadInput() {
        let catalog = DataCatalog(explicitRoot: nil, environment: [:])
        #expect(throws: DataUnavailable.self) { try catalog.load("mnist", split: "train") }
        #expect(throws: DataUnavailable.self) { try catalog.load("cifar10", split: "val") }
        #expect(throws: DataUnavailable.self) { try DataCatalog.imbalanceProfile("zipf") }
    }
}
