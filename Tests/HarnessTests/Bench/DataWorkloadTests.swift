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
        #expect(r.summary.hasPrefix(String(format: "data %3dx%-3d", side, side)))
    }

    @Test func theStandardSizesAreCIFARAndSTL10() {
        #expect(DataWorkload.standard.map(\.side) == [32, 96])
        #expect(DataWorkload.standard.allSatisfy { $0.batchSize == 256 })
    }
}
