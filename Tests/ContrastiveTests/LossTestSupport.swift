import Contrastive
import Engine

/// Deterministic `(n, d)` views: `y` is `x` plus noise, like two augmentations of one batch.
func randomViews(n: Int, d: Int, seed: UInt64, noise: Float = 0.8) -> (Tensor, Tensor) {
    var rng = RNG(seed: seed)
    let x = (0..<n * d).map { _ in rng.normal() }
    let y = x.map { $0 + noise * rng.normal() }
    return (Tensor(x, shape: [n, d]), Tensor(y, shape: [n, d]))
}

/// The loss value on `views`, forward only.
func lossValue(_ loss: any ContrastiveLoss, _ views: [Tensor]) -> Float {
    loss(LossInput(views: views), tape: Tape.inference()).item
}

/// Runs `steps` of plain gradient descent on the views themselves; returns the loss before and after.
func descend(_ loss: any ContrastiveLoss, n: Int = 8, d: Int = 6, steps: Int = 30, lr: Float = 0.5,
             seed: UInt64 = 3) -> (before: Float, after: Float) {
    let (x, y) = randomViews(n: n, d: d, seed: seed)
    let before = lossValue(loss, [x, y])
    for _ in 0..<steps {
        x.requiresGrad = true; y.requiresGrad = true
        x.zeroGrad(); y.zeroGrad()
        let tape = Tape()
        tape.backward(from: loss(LossInput(views: [x, y]), tape: tape))
        for t in [x, y] { let g = t.gradBuffer(); for i in 0..<t.count { t.data[i] -= lr * g[i] } }
    }
    return (before, lossValue(loss, [x, y]))
}

/// Finite-difference check of a loss's gradient with respect to both views.
func lossGradientError(_ loss: any ContrastiveLoss, n: Int, d: Int, seed: UInt64) -> Float {
    let (x, y) = randomViews(n: n, d: d, seed: seed)
    return GradientCheck.maxError(inputs: [x, y], epsilon: 1e-2) { tape, t in loss(LossInput(views: t), tape: tape) }
}
