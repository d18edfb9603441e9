import Testing
@testable import Data

@Suite struct SplitsTests {
    @Test(arguments: [1, 4, 10])
    func fewLabelTakesExactlyNPerClass(n: Int) throws {
        let d = syntheticDataset(count: 200, channels: 1, side: 2)
        let few = try Splits.fewLabel(d, perClass: n, seed: 3)
        #expect(few.classHistogram == [Int](repeating: n, count: 10))
        #expect(try Splits.fewLabel(d, perClass: n, seed: 3) == few)
        #expect(try Splits.fewLabel(d, perClass: n, seed: 4).pixels != few.pixels)
    }

    @Test func fewLabelRejectsTooManyPerClass() {
        let d = syntheticDataset(count: 30, channels: 1, side: 2)
        #expect(throws: DataError.self) { try Splits.fewLabel(d, perClass: 4, seed: 0) }
    }

    @Test func holdOutPartitionsTheDataSet() throws {
        let d = ImageDataset(name: "h", channels: 1, height: 1, width: 1, classes: 10,
                             pixels: (0..<100).map(UInt8.init), labels: (0..<100).map { Int32($0 % 10) })
        let (train, val) = try Splits.holdOut(d, validationCount: 20, seed: 42)
        #expect(train.count == 80 && val.count == 20)
        #expect(Set(train.pixels).isDisjoint(with: val.pixels))
        #expect(Set(train.pixels + val.pixels).count == 100)
        #expect(train.pixels == train.pixels.sorted())  // keeps data set order
        #expect(try Splits.holdOut(d, validationCount: 20, seed: 42).validation == val)
        #expect(try Splits.holdOut(d, validationCount: 20, seed: 43).validation != val)
        #expect(throws: DataError.self) { try Splits.holdOut(d, validationCount: 100, seed: 1) }
    }

    @Test func randomSubsetIsDistinctImagesInDataSetOrderChosenBySeed() throws {
        let d = ImageDataset(name: "r", channels: 1, height: 1, width: 1, classes: 10,
                             pixels: (0..<100).map(UInt8.init), labels: (0..<100).map { Int32($0 % 10) })
        let sub = try Splits.random(d, count: 30, seed: 0)
        #expect(sub.count == 30 && Set(sub.pixels).count == 30)
        #expect(sub.pixels == sub.pixels.sorted())
        #expect(sub.pixels != Array(0..<30))  // a random choice, not the first images
        #expect(try Splits.random(d, count: 30, seed: 0) == sub)
        #expect(try Splits.random(d, count: 30, seed: 1) != sub)
        #expect(try Splits.random(d, count: 100, seed: 5).pixels == d.pixels)
        #expect(throws: DataError.self) { try Splits.random(d, count: 0, seed: 0) }
        #expect(throws: DataError.self) { try Splits.random(d, count: 101, seed: 0) }
    }
}
