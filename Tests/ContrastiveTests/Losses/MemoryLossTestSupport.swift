import Contrastive
import Engine

/// `(rows, d)` random unit rows: a queue or a memory bank.
func unitRows(_ rows: Int, _ d: Int, seed: UInt64) -> Tensor {
    var rng = RNG(seed: seed)
    let t = Tensor((0..<rows * d).map { _ in rng.normal() }, shape: [rows, d])
    return Tape.inference().l2Normalize(t)
}

/// Random draws for `n` queries, `perRow` each.
func randomDraws(_ n: Int, _ perRow: Int, seed: UInt64) -> [Int] {
    NegativeDraws.draws(count: n * perRow, seed: seed, step: 0)
}

/// Finite-difference error of `loss` with respect to every view of `input`.
func memoryLossGradientError(_ loss: any ContrastiveLoss, _ input: LossInput) -> Float {
    GradientCheck.maxError(inputs: input.views, epsilon: 1e-3) { tape, views in
        var i = input; i.views = views
        return loss(i, tape: tape)
    }
}

/// Plain gradient descent on the views of `input` (the candidates stay fixed); the loss before and after.
func descendMemoryLoss(_ loss: any ContrastiveLoss, _ input: LossInput, steps: Int = 40, lr: Float = 0.05) -> (before: Float, after: Float) {
    let before = loss(input, tape: Tape.inference()).item
    for _ in 0..<steps {
        for v in input.views { v.requiresGrad = true; v.zeroGrad() }
        let tape = Tape()
        tape.backward(from: loss(input, tape: tape))
        for v in input.views { let g = v.gradBuffer(); for i in 0..<v.count { v.data[i] -= lr * g[i] } }
    }
    return (before, loss(input, tape: Tape.inference()).item)
}
