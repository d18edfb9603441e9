/// Finite-difference gradient checking, used by the tests of every differentiable op and loss.
public enum GradientCheck {
    /// The largest error between the tape's gradient and central differences, over all `inputs`.
    ///
    /// `f` builds a scalar on the given tape from the inputs. The error of one element is
    /// `|analytic - numeric| / max(1, |analytic|, |numeric|)` (absolute for small, relative for large
    /// gradients). Differences are taken in Double over float32 forward passes, so `epsilon` ~1e-2..1e-3.
    /// Every tape gets `context`, so a check covers the kernel path that context selects.
    public static func maxError(
        inputs: [Tensor], epsilon: Float = 1e-2, samples: Int = 64, training: Bool = true,
        context: EngineContext = .serial, _ f: (Tape, [Tensor]) -> Tensor
    ) -> Float {
        for x in inputs { x.requiresGrad = true; x.zeroGrad() }
        let tape = Tape(training: training, recording: true, context: context)
        let loss = f(tape, inputs)
        tape.backward(from: loss)
        var worst: Float = 0
        var rng = RNG(seed: 12345)
        for x in inputs {
            let analytic = x.gradArray
            // Check every element of small tensors, a random sample of large ones.
            let indices = x.count <= samples ? Array(0..<x.count) : (0..<samples).map { _ in rng.int(below: x.count) }
            for i in indices {
                let saved = x.data[i]
                x.data[i] = saved + epsilon
                let plus = Double(f(Tape(training: training, recording: false, context: context), inputs).item)
                x.data[i] = saved - epsilon
                let minus = Double(f(Tape(training: training, recording: false, context: context), inputs).item)
                x.data[i] = saved
                let numeric = Float((plus - minus) / (2 * Double(epsilon)))
                let err = abs(analytic[i] - numeric) / max(1, abs(analytic[i]), abs(numeric))
                worst = max(worst, err)
            }
        }
        return worst
    }
}
