import Foundation
import Testing
import Data
@testable import Harness

@Suite struct DataWorkloadTests {
    @Test(arguments: [32, 96])
    func runsTheFullPipelineAndCountsEveryImage(side: Int) throws {
        let workload = DataWorkload(side: side, batchSize: 8, batches: 3, seed: 1)
        let p = try workload.pipeline()
        #expect(p.views == 2 && p.colorJitter != nil && p.grayscale != nil && p.blur != nil && p.crop?.height == side)
        let r = try workload.run()
        #expect(r.side == side && r.images == 24 && r.views == 48)
        #expect(r.seconds > 0 && r.imagesPerSecond.isFinite && r.viewsPerSecond == 2 * r.imagesPerSecond)
        #expect(r.summary.hasPrefix(String(format: "data %3dx%-3dx3 simclr", side, side)))
    }

    @Test func theCropFlipRecipeIsTheSharedBenchsAUG() throws {
        let workload = DataWorkload(side: 28, channels: 1, recipe: .cropFlip, batchSize: 8, batches: 2, seed: 1)
        let p = try workload.pipeline()
        #expect(p.views == 2 && p.crop?.height == 28 && p.colorJitter == nil && p.grayscale == nil && p.blur == nil)
        let r = try workload.run()
        #expect(r.channels == 1 && r.recipe == .cropFlip && r.views == 32)
    }

    @Test func theStandardSizesAreCIFARSTL10AndAUG() {
        #expect(DataWorkload.standard.map(\.side) == [32, 96, 28])
        #expect(DataWorkload.standard.map(\.recipe) == [.simclr, .simclr, .cropFlip])
        #expect(DataWorkload.standard.allSatisfy { $0.batchSize == 256 })
    }
}
