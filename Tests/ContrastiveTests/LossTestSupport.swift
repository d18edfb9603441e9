import Contrastive
import Engine

/// Deterministic `(n, d)` views: `y` is `x` plus noise, like two augmentations of one batch.
func randomViews(n: Int, d: Int, seed: UInt64, noise: Float = 0.8) -> (Tensor, Tensor) {
    var rng = RNG(seed: seed)
    let x = (0..<n * d).map { _ in rng.normal() }
    let y = x.map { $0 + noise * rng.normal() }
    return (Tensor(x, shape: [n, d]), Tensor(y, shape: [n, d]))
}

/// `count` deterministic `(n, d)` views of the same rows, each the first plus noise; the first two equal `randomViews`.
func randomViewList(n: Int, d: Int, count: Int, seed: UInt64, noise: Float = 0.8) -> [Tensor] {
    var rng = RNG(seed: seed)
    let x = (0..<n * d).map { _ in rng.normal() }
    return [Tensor(x, shape: [n, d])] + (1..<count).map { _ in Tensor(x.map { $0 + noise * rng.normal() }, shape: [n, d]) }
}

/// The loss value on `views`, forward only.
func lossValue(_ loss: any ContrastiveLoss, _ views: [Tensor]) -> Float {
    loss(LossInput(views: views), tape: Tape.inference()).item
}

/// Runs `steps` of plain gradient descent on the views themselves; returns the loss before and after.
func descend(_ loss: any ContrastiveLoss, n: Int = 8, d: Int = 6, steps: Int = 30, lr: Float = 0.5,
             seed: UInt64 = 3) -> (before: Float, after: Float) {
    let views = randomViewList(n: n, d: d, count: loss.viewCount, seed: seed)
    let before = lossValue(loss, views)
    for _ in 0..<steps {
        for t in views { t.requiresGrad = true; t.zeroGrad() }
        let tape = Tape()
        tape.backward(from: loss(LossInput(views: views), tape: tape))
        for t in views { let g = t.gradBuffer(); for i in 0..<t.count { t.data[i] -= lr * g[i] } }
    }
    return (before, lossValue(loss, views))
}

/// Finite-difference check of a loss's gradient with respect to every view (`loss.viewCount` of them).
func lossGradientError(_ loss: any ContrastiveLoss, n: Int, d: Int, seed: UInt64) -> Float {
    let views = randomViewList(n: n, d: d, count: loss.viewCount, seed: seed)
    return GradientCheck.maxError(inputs: views, epsilon: 1e-2) { tape, t in loss(LossInput(views: t), tape: tape) }
}
