import Testing
@testable import Data

@Suite struct ClassImbalanceTests {
    /// Labels 0…classes−1 repeating, `perClass` of each, 1×1 images (only labels matter).
    func labelled(classes: Int, perClass: Int) -> ImageDataset {
        let n = classes * perClass
        return ImageDataset(name: "l", channels: 1, height: 1, width: 1, classes: classes,
                            pixels: [UInt8](repeating: 0, count: n), labels: (0..<n).map { Int32($0 % classes) })
    }

    @Test func cifar10ProfileKeepsLinearCounts() {
        let d = labelled(classes: 10, perClass: 5000)
        let imbalanced = ClassImbalance.apply(to: d, profile: .cacrLinear)
        #expect(imbalanced.classHistogram == (1...10).map { $0 * 500 })
        #expect(imbalanced.count == 27_500)
    }

    @Test func cifar100ProfileKeepsExponentialGroupCounts() {
        let d = labelled(classes: 100, perClass: 500)
        let h = ClassImbalance.apply(to: d, profile: .cacrExponentialGroups).classHistogram
        let groups = [0, 0, 0, 1, 3, 9, 24, 67, 183, 500]
        #expect(h == groups.flatMap { [Int](repeating: $0, count: 10) })
        #expect(h.reduce(0, +) == 7_870)
    }

    @Test func selectionIsSklearnShuffleWithSeed2021() {
        // Class c's members are c, c+10, …; numpy's RandomState(2021).shuffle(arange(5000)) starts 1249, 1470, 2888.
        let d = labelled(classes: 10, perClass: 5000)
        let kept = ClassImbalance.indices(of: d, profile: .cacrLinear)
        #expect(Array(kept.prefix(3)) == [12490, 14700, 28880])
        #expect(Array(kept[500..<503]) == [12491, 14701, 28881])  // class 1 reuses a fresh RandomState(2021)
        // CIFAR-100: the 500 kept of class 90 are all of them, in shuffled order 242, 219, 89, …
        let c100 = labelled(classes: 100, perClass: 500)
        let kept100 = ClassImbalance.indices(of: c100, profile: .cacrExponentialGroups)
        #expect(Array(kept100[2870..<2873]) == [24290, 21990, 8990])  // 2,870 images precede class 90
    }

    @Test func otherSeedsGiveOtherSubsetsOfTheSameSize() {
        let d = labelled(classes: 10, perClass: 100)
        let a = ClassImbalance.indices(of: d, profile: .cacrLinear, seed: 2021)
        let b = ClassImbalance.indices(of: d, profile: .cacrLinear, seed: 7)
        #expect(a.count == b.count && a != b)
        #expect(a == ClassImbalance.indices(of: d, profile: .cacrLinear, seed: 2021))
    }
}
