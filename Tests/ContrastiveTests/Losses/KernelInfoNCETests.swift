import Contrastive
import Engine
import Foundation
import Testing

struct KernelInfoNCETests {
    static let variants: [KernelInfoNCE] = [
        KernelInfoNCE(gamma: 2, temperature: 0.5),
        KernelInfoNCE(gamma: 1, temperature: 0.5),
        KernelInfoNCE(gamma: 0.5, temperature: 0.5),
        KernelInfoNCE(gamma: 1, temperature: 0.3, temperature2: 0.4, lambda: 0.4, mode: .simpleSum),
        KernelInfoNCE(gamma: 0.5, temperature: 0.3, temperature2: 0.5, lambda: 0.6, mode: .concatenationSum),
    ]

    @Test("gradient matches finite differences", arguments: variants)
    func gradient(loss: KernelInfoNCE) {
        #expect(lossGradientError(loss, n: 5, d: 4, seed: 31) < 3e-3)
        #expect(lossGradientError(loss, n: 8, d: 12, seed: 32) < 3e-3)
    }

    @Test("gradient descent on the embeddings lowers the loss", arguments: variants)
    func descentLowersLoss(loss: KernelInfoNCE) {
        let (before, after) = descend(loss, lr: 0.2)
        #expect(after < before - 0.1, "loss \(before) → \(after)")
    }

    @Test("γ = 2 without the ε guard is NT-Xent at τ/2: ‖u-v‖² = 2 - 2u·v on the sphere, the constant cancels",
          arguments: [Float(0.5), 0.2, 1])
    func gaussianIsNTXent(temperature: Float) {
        let (x, y) = randomViews(n: 7, d: 5, seed: 33)
        let kernel = lossValue(KernelInfoNCE(gamma: 2, temperature: temperature, eps: 0), [x, y])
        let ntXent = lossValue(InfoNCE(temperature: temperature / 2), [x, y])
        #expect(abs(kernel - ntXent) < 1e-5 * max(1, abs(ntXent)), "\(kernel) vs NT-Xent \(ntXent)")
    }

    @Test("matches the definition written out in Double, the positive among the 2N-1 candidates",
          arguments: [Float(2), 1, 0.5])
    func matchesDefinition(gamma: Float) {
        let n = 5, d = 3, tau: Float = 0.4
        let (x, y) = randomViews(n: n, d: d, seed: 34)
        let expected = Self.definition(x: x, y: y, gamma: Double(gamma), tau: Double(tau), eps: 1e-6)
        let value = Double(lossValue(KernelInfoNCE(gamma: gamma, temperature: tau), [x, y]))
        #expect(abs(value - expected) < 1e-5 * max(1, abs(expected)), "\(value) vs \(expected)")
    }

    @Test("when every kernel sum is below ε the clamp holds the denominator at 2ε and only the positives pull")
    func clampHoldsTheDenominator() {
        // Orthonormal rows: every pair at squared distance 2, kernel e^{-20} at τ = 0.1; 7 of them are < 1e-6.
        let n = 4, d = 8
        var xs = [Float](repeating: 0, count: n * d), ys = xs
        for i in 0..<n { xs[i * d + i] = 1; ys[i * d + n + i] = 1 }
        let x = Tensor(xs, shape: [n, d]), y = Tensor(ys, shape: [n, d])
        let loss = KernelInfoNCE(gamma: 2, temperature: 0.1)
        let expected = 2 / 0.1 + Foundation.log(2e-6)
        #expect(abs(Double(lossValue(loss, [x, y])) - expected) < 1e-4)
        // The gradient is then the positive term's alone: for γ = 2 it pulls x_i toward y_i, pushing no negative.
        x.requiresGrad = true
        let tape = Tape()
        tape.backward(from: loss(LossInput(views: [x, y]), tape: tape))
        let g = x.gradArray
        for i in 0..<n {
            for j in 0..<d where j != n + i && j != i { #expect(abs(g[i * d + j]) < 1e-5, "row \(i) col \(j): \(g[i * d + j])") }
            #expect(g[i * d + n + i] < -1, "row \(i) is pulled toward its partner")
        }
    }

    @Test("a coinciding positive pair (u = v) for γ < 2 gives a finite loss and gradient, the loss off by at most δ^(γ/2)/τ",
          arguments: [Float(1), 0.5])
    func coincidingPositives(gamma: Float) {
        let (x, _) = randomViews(n: 6, d: 5, seed: 35)
        let y = x.copy()
        x.requiresGrad = true; y.requiresGrad = true
        let tau: Float = 0.5
        let loss = KernelInfoNCE(gamma: gamma, temperature: tau)
        let tape = Tape()
        let value = loss(LossInput(views: [x, y]), tape: tape)
        tape.backward(from: value)
        #expect(value.item.isFinite)
        #expect((x.gradArray + y.gradArray).allSatisfy { $0.isFinite && abs($0) < 1e3 })
        let exact = Self.definition(x: x, y: y, gamma: Double(gamma), tau: Double(tau), eps: 1e-6)
        let shift = Foundation.pow(Double(KernelInfoNCE.distanceGuard), Double(gamma) / 2) / Double(tau)
        #expect(abs(Double(value.item) - exact) <= 1.5 * shift + 1e-4, "\(value.item) vs \(exact), δ-shift \(shift)")
    }

    @Test("Concatenation Sum normalises whole rows and does not renormalise the halves")
    func concatenationHalvesAreNotRenormalised() {
        let (x, y) = randomViews(n: 6, d: 8, seed: 36)
        let loss = KernelInfoNCE(gamma: 1, temperature: 0.5, lambda: 1, mode: .concatenationSum)
        // λ = 1 reads only the first half; scaling the second half changes the first half's norm after the
        // whole-row normalisation, hence the loss. Renormalised halves would make it invariant.
        let scaled = x.copy()
        for i in 0..<6 { for j in 4..<8 { scaled.data[i * 8 + j] *= 3 } }
        #expect(abs(lossValue(loss, [x, y]) - lossValue(loss, [scaled, y])) > 1e-3)
        // Scaling whole rows still changes nothing.
        let whole = x.copy()
        for i in 0..<6 { for j in 0..<8 { whole.data[i * 8 + j] *= Float(i + 2) } }
        #expect(abs(lossValue(loss, [x, y]) - lossValue(loss, [whole, y])) < 1e-5)
    }

    @Test("Simple Sum is λ·L_γ,τ + (1-λ)·L_2,τ₂ of the two plain losses")
    func simpleSumMixesTheTwoLosses() {
        let (x, y) = randomViews(n: 6, d: 5, seed: 37)
        let mixed = lossValue(KernelInfoNCE(gamma: 0.5, temperature: 0.3, temperature2: 0.7, lambda: 0.25), [x, y])
        let first = lossValue(KernelInfoNCE(gamma: 0.5, temperature: 0.3), [x, y])
        let second = lossValue(KernelInfoNCE(gamma: 2, temperature: 0.7), [x, y])
        #expect(abs(mixed - (0.25 * first + 0.75 * second)) < 1e-5)
    }

    @Test func concatenationNeedsAnEvenWidth() {
        let (x, y) = randomViews(n: 4, d: 5, seed: 38)
        let problem = KernelInfoNCE(mode: .concatenationSum).inputProblem(LossInput(views: [x, y]))
        #expect(problem?.contains("D must be even") == true)
        #expect(KernelInfoNCE().inputProblem(LossInput(views: [x, y])) == nil)
    }

    /// `L_γ,τ` from its definition, in Double, on the normalised rows.
    static func definition(x: Tensor, y: Tensor, gamma: Double, tau: Double, eps: Double) -> Double {
        let n = x.shape[0], d = x.shape[1]
        let raw = (x.array + y.array).map(Double.init)
        let z: [[Double]] = (0..<2 * n).map { i in
            let r = Array(raw[i * d..<(i + 1) * d]); let norm = r.map { $0 * $0 }.reduce(0, +).squareRoot()
            return r.map { $0 / norm }
        }
        func kernel(_ i: Int, _ k: Int) -> Double {
            Foundation.exp(-Foundation.pow(zip(z[i], z[k]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot(), gamma) / tau)
        }
        var total = 0.0
        for i in 0..<2 * n {
            let partner = i < n ? i + n : i - n
            let neg = max((0..<2 * n).filter { $0 != i }.map { kernel(i, $0) }.reduce(0, +), eps) + eps
            total -= Foundation.log(kernel(i, partner) / neg)
        }
        return total / Double(2 * n)
    }
}

extension KernelInfoNCE: CustomTestStringConvertible {
    public var testDescription: String {
        "γ=\(gamma) τ=\(temperature) τ₂=\(temperature2) λ=\(lambda) mode=\(mode.rawValue) ε=\(eps)"
    }
}
