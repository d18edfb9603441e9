import Contrastive
import Engine
import Testing

struct AlignUniformTests {
    @Test("gradient matches finite differences",
          arguments: [AlignUniform(), AlignUniform(alignWeight: 3, uniformWeight: 1, alpha: 1, t: 3),
                      AlignUniform(alignWeight: 0.5, uniformWeight: 2, alpha: 3, t: 1)])
    func gradient(loss: AlignUniform) {
        #expect(lossGradientError(loss, n: 6, d: 5, seed: 21) < 2e-3)
        #expect(lossGradientError(loss, n: 10, d: 16, seed: 22) < 2e-3)
    }

    @Test("gradient descent on the embeddings lowers the loss",
          arguments: [AlignUniform(), AlignUniform(alignWeight: 3, uniformWeight: 1, alpha: 2, t: 3)])
    func descentLowersLoss(loss: AlignUniform) {
        let (before, after) = descend(loss, lr: 0.3)
        #expect(after < before - 0.1, "loss \(before) → \(after)")
    }

    @Test("the total is w_a·L_align + w_u·(L_unif(x) + L_unif(y))/2 of the normalised views")
    func weightsCombineTheParts() {
        let (x, y) = randomViews(n: 7, d: 4, seed: 23)
        let loss = AlignUniform(alignWeight: 0.98, uniformWeight: 0.96, alpha: 2, t: 2)
        let align = AlignUniform.alignment(x: x, y: y, alpha: 2)
        let uniform = (AlignUniform.uniformity(x: x, t: 2) + AlignUniform.uniformity(x: y, t: 2)) / 2
        #expect(abs(Double(lossValue(loss, [x, y])) - (0.98 * align + 0.96 * uniform)) < 1e-5)
    }

    @Test("only the direction of each row matters")
    func scaleInvariant() {
        let (x, y) = randomViews(n: 6, d: 4, seed: 24)
        let scaled = Tensor(x.array.enumerated().map { $0.element * Float($0.offset / 4 + 1) * 0.25 }, shape: x.shape)
        #expect(abs(lossValue(AlignUniform(), [x, y]) - lossValue(AlignUniform(), [scaled, y])) < 1e-5)
    }
}

extension AlignUniform: CustomTestStringConvertible {
    public var testDescription: String { "w_a=\(alignWeight) w_u=\(uniformWeight) α=\(alpha) t=\(t)" }
}
