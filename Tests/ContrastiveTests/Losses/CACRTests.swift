import Contrastive
import Engine
import Foundation
import Testing

struct CACRTests {
    static let variants: [CACR] = [
        CACR(), CACR(tNeg: 0.9), CACR(alpha: 2, beta: 0.5, tPos: 3, tNeg: 2), CACR(choice: .withoutW1),
        CACR(choice: .withoutW2), CACR(choice: .none), CACR(tauPlus: 0.1),
        CACR(positives: 4, tNeg: 0.9), CACR(positives: 4, tPos: 2, choice: .withoutW2), CACR(positives: 2, tauPlus: 0.1),
    ]

    @Test("gradient matches finite differences, through the softmax weights (they are not detached)", arguments: variants)
    func gradient(loss: CACR) {
        #expect(lossGradientError(loss, n: 4, d: 3, seed: 61) < 2e-3)
        #expect(lossGradientError(loss, n: 8, d: 10, seed: 62) < 2e-3)
    }

    @Test("gradient descent on the embeddings lowers the loss", arguments: variants)
    func descentLowersLoss(loss: CACR) {
        let (before, after) = descend(loss, lr: 0.3)
        #expect(after < before - 0.1, "loss \(before) → \(after)")
    }

    @Test("K positives take K + 1 views", arguments: [1, 4])
    func viewCount(positives: Int) {
        let loss = CACR(positives: positives)
        #expect(loss.viewCount == positives + 1)
        let right = randomViewList(n: 4, d: 3, count: positives + 1, seed: 63)
        #expect(loss.inputProblem(LossInput(views: right)) == nil)
        let wrong = randomViewList(n: 4, d: 3, count: positives + 2, seed: 63)
        #expect(loss.inputProblem(LossInput(views: wrong)) == "expects \(positives + 1) views, got \(positives + 2)")
    }

    @Test("with t⁺ = t⁻ = 0 the weights are uniform: the full loss equals choice none", arguments: [1, 4])
    func zeroTemperaturesAreUniform(positives: Int) {
        let views = randomViewList(n: 6, d: 4, count: positives + 1, seed: 64)
        let full = lossValue(CACR(positives: positives, alpha: 1.5, beta: 0.7, tPos: 0, tNeg: 0), views)
        let none = lossValue(CACR(positives: positives, alpha: 1.5, beta: 0.7, tPos: 3, tNeg: 3, choice: .none), views)
        #expect(abs(full - none) < 1e-5)
    }

    @Test("choice none is α·mean positive distance - β·mean negative distance, written out", arguments: [1, 4])
    func uniformMatchesDefinition(positives: Int) {
        let n = 5, v = positives + 1
        let views = randomViewList(n: n, d: 3, count: v, seed: 65)
        let z = views.map { t in (0..<n).map { i in Self.unitRow(t, i) } }
        func d(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) }
        var attraction = 0.0, repulsion = 0.0, pairs = 0
        for q in 0..<v {
            var s = 0.0
            for p in 0..<v where p != q { for i in 0..<n { s += d(z[q][i], z[p][i]) } }
            attraction += 2 * s / Double(n * positives)
        }
        for x in 0..<v {
            for y in (x + 1)..<v {
                var s = 0.0
                for i in 0..<n { for j in 0..<n where j != i { s += d(z[x][i], z[y][j]) } }
                repulsion -= 0.5 * s / Double(n * (n - 1)); pairs += 1
            }
        }
        let expected = attraction / Double(v) + repulsion / Double(pairs)
        let value = lossValue(CACR(positives: positives, alpha: 2, beta: 0.5, choice: .none), views)
        #expect(abs(Double(value) - expected) < 1e-5, "\(value) vs \(expected)")
    }

    @Test("the repulsion weights favour close negatives: the weighted term lies below the uniform one")
    func repulsionWeightsFavourCloseNegatives() {
        let views = randomViewList(n: 8, d: 4, count: 2, seed: 66)
        // Attraction weights play no part with one positive, so the two differ by the repulsion term only.
        let weighted = lossValue(CACR(tNeg: 2), views), uniform = lossValue(CACR(choice: .withoutW2), views)
        #expect(weighted > uniform, "closer negatives have smaller distances, so −β·(weighted mean) is larger")
    }

    @Test("τ⁺ acts only while the repulsion weights are on, as in the code")
    func debiasingNeedsRepulsionWeights() {
        let views = randomViewList(n: 6, d: 4, count: 3, seed: 67)
        for choice in [CACR.Choice.withoutW2, .none] {
            #expect(lossValue(CACR(positives: 2, choice: choice, tauPlus: 0.2), views)
                    == lossValue(CACR(positives: 2, choice: choice), views))
        }
        for choice in [CACR.Choice.full, .withoutW1] {
            #expect(lossValue(CACR(positives: 2, choice: choice, tauPlus: 0.2), views)
                    != lossValue(CACR(positives: 2, choice: choice), views))
        }
    }

    static func unitRow(_ t: Tensor, _ i: Int) -> [Double] {
        let d = t.shape[1]
        let r = (0..<d).map { Double(t.data[i * d + $0]) }
        let norm = r.map { $0 * $0 }.reduce(0, +).squareRoot()
        return r.map { $0 / norm }
    }
}

extension CACR: CustomTestStringConvertible {
    public var testDescription: String {
        "K=\(positives) α=\(alpha) β=\(beta) t⁺=\(tPos) t⁻=\(tNeg) choice=\(choice.rawValue) τ⁺=\(tauPlus)"
    }
}
