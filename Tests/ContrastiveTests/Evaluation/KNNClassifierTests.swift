import Foundation
import Testing
import Engine
@testable import Contrastive

/// Unit vectors in the plane at the given angles (degrees), labelled.
private func plane(_ angles: [Double], labels: [Int32]) -> FeatureMatrix {
    let values = angles.flatMap { a -> [Float] in
        let r = a * Double.pi / 180
        return [Float(cos(r)), Float(sin(r))]
    }
    return FeatureMatrix(values: values, count: angles.count, dim: 2, labels: labels)
}

@Test func majorityVoteTieGoesToTheNearestNeighbour() {
    // Query at 0°: neighbours at 10° (class 1), 20° (class 0), 30° (class 1), 40° (class 0); k = 4 ties 2–2.
    let bank = plane([40, 10, 30, 20, 170], labels: [0, 1, 1, 0, 2])
    let query = plane([0], labels: [1])
    #expect(KNNClassifier(k: 4).predict(bank: bank, queries: query, classes: 3) == [1])
    // Move the class-0 point from 20° to 5°: now class 0 holds the nearest neighbour and wins the same tie.
    let moved = plane([40, 10, 30, 5, 170], labels: [0, 1, 1, 0, 2])
    #expect(KNNClassifier(k: 4).predict(bank: moved, queries: query, classes: 3) == [0])
}

@Test func majorityVoteIgnoresNeighboursBeyondK() {
    // Three class-2 points far away would win a k = 5 vote but are outside k = 3.
    let bank = plane([5, 10, 15, 100, 110, 120], labels: [0, 0, 1, 2, 2, 2])
    let query = plane([0], labels: [0])
    #expect(KNNClassifier(k: 3).predict(bank: bank, queries: query, classes: 3) == [0])
    #expect(KNNClassifier(k: 6).predict(bank: bank, queries: query, classes: 3) == [2])
}

@Test func weightedVoteFlipsAMajority() {
    // k = 3: one very close class-0 point against two distant class-1 points. Majority says 1; with τ = 0.1
    // exp(cos 1°/0.1) ≈ 2.2e4 outweighs 2·exp(cos 60°/0.1) ≈ 297, so the weighted vote says 0.
    let bank = plane([1, 60, 61, 179], labels: [0, 1, 1, 2])
    let query = plane([0], labels: [0])
    #expect(KNNClassifier(k: 3).predict(bank: bank, queries: query, classes: 3) == [1])
    #expect(KNNClassifier(k: 3, temperature: 0.1).predict(bank: bank, queries: query, classes: 3) == [0])
    // A large temperature makes the weights nearly equal: the majority wins again.
    #expect(KNNClassifier(k: 3, temperature: 100).predict(bank: bank, queries: query, classes: 3) == [1])
}

@Test func featuresAreComparedByCosineNotByLength() {
    // A long vector in the wrong direction must not beat a short one in the right direction.
    let bank = FeatureMatrix(values: [0.01, 0, 10, 10], count: 2, dim: 2, labels: [0, 1])
    let query = FeatureMatrix(values: [3, 0.1], count: 1, dim: 2, labels: [0])
    #expect(KNNClassifier(k: 1).predict(bank: bank, queries: query, classes: 2) == [0])
}

/// The obvious O(N·M) implementation: every similarity, full sort, vote.
private func bruteForce(bank: FeatureMatrix, queries: FeatureMatrix, k: Int, temperature: Double?, classes: Int) -> [Int] {
    let b = bank.normalized(), q = queries.normalized()
    return (0..<q.count).map { i in
        let sims = (0..<b.count).map { j -> (Float, Int) in
            var s: Float = 0
            for t in 0..<b.dim { s += q.values[i * b.dim + t] * b.values[j * b.dim + t] }
            return (s, j)
        }.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        var score = [Double](repeating: 0, count: classes), first = [Int](repeating: .max, count: classes)
        for (rank, (s, j)) in sims.prefix(k).enumerated() {
            let c = Int(b.labels[j])
            score[c] += temperature.map { exp(Double(s) / $0) } ?? 1
            first[c] = min(first[c], rank)
        }
        return (0..<classes).filter { first[$0] != .max }
            .min { score[$0] != score[$1] ? score[$0] > score[$1] : first[$0] < first[$1] }!
    }
}

@Test(arguments: [(5, nil), (1, nil), (20, 0.1), (200, 0.1), (7, 0.5)] as [(Int, Double?)])
func agreesWithBruteForceOnRandomData(k: Int, temperature: Double?) {
    let bank = gaussianClasses(400, classes: 6, dim: 12, separation: 0.6, seed: 11)
    let queries = gaussianClasses(150, classes: 6, dim: 12, separation: 0.6, seed: 12)
    let expected = bruteForce(bank: bank, queries: queries, k: k, temperature: temperature, classes: 6)
    // A small block budget forces many query blocks (and one row per block at the extreme).
    for block in [1 << 22, 400 * 7, 1] {
        let knn = KNNClassifier(k: k, temperature: temperature, blockElements: block)
        #expect(knn.predict(bank: bank, queries: queries, classes: 6) == expected)
    }
}

@Test func accuracyOnSeparatedClassesAndTopFive() {
    let bank = gaussianClasses(600, classes: 4, dim: 8, separation: 3, seed: 21)
    let test = gaussianClasses(200, classes: 4, dim: 8, separation: 3, seed: 22)
    let r = KNNClassifier(k: 5).evaluate(train: bank, test: test, classes: 4)
    #expect(r.top1 > 0.9)
    #expect(r.top5 >= r.top1)
    let noise = gaussianClasses(600, classes: 4, dim: 8, separation: 0, seed: 23)
    #expect(KNNClassifier(k: 5).evaluate(train: noise, test: test, classes: 4).top1 < 0.4)
}

@Test func topKKeepsTheLargestInOrder() {
    var t = TopK(k: 3)
    for (i, v) in [0.5, 0.9, 0.1, 0.9, 0.7].enumerated() { t.offer(Float(v), i) }
    #expect(t.count == 3)
    #expect(Array(t.value) == [0.9, 0.9, 0.7])
    #expect(Array(t.index) == [1, 3, 4])
}
