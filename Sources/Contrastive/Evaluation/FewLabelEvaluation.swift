import Foundation
import Engine
import NN

/// Few-label classification on frozen features: per trial, `labelsPerClass` labelled examples of each class are
/// drawn from the evaluation train split, a head is trained on them alone, and its test top-1 is recorded; the
/// result is the mean (and sample standard deviation) over `trials`.
///
/// - Paper: ManifoldCLR's semi-supervised protocol (`src/eval_ssl.py`: 5 labels per class, 50 trials, MLP head
///   hidden 2048, 10k iterations), without its pseudo-labelling and feature augmentation: the supervised
///   baseline of the protocol. Head `(N, F) → [Linear → ReLU]* → Linear → (N, classes)`, loss mean
///   cross-entropy, `N = labelsPerClass · classes` (or `batchSize` rows drawn from them per step).
public struct FewLabelEvaluation: Sendable {
    public var labelsPerClass: Int
    public var trials: Int
    /// Hidden widths of the head; empty = a linear head.
    public var hidden: [Int]
    public var steps: Int
    /// Rows per step, drawn from the labelled set; nil or not smaller = the whole labelled set every step.
    public var batchSize: Int?
    public var lr: Double
    public var optimizer: OptimizerSettings
    /// Learning rate as a function of the step.
    public var schedule: Schedule
    public var seed: UInt64
    /// Workers and BLAS threads of the probe's tapes.
    public var context: EngineContext = .serial

    public init(labelsPerClass: Int, trials: Int, hidden: [Int] = [], steps: Int, batchSize: Int? = nil, lr: Double,
                optimizer: OptimizerSettings = OptimizerSettings(.adam(beta1: 0.9, beta2: 0.999, eps: 1e-8, decoupled: false)),
                schedule: Schedule = .constant, seed: UInt64) {
        self.labelsPerClass = labelsPerClass; self.trials = trials; self.hidden = hidden; self.steps = steps
        self.batchSize = batchSize; self.lr = lr; self.optimizer = optimizer; self.schedule = schedule; self.seed = seed
    }

    /// Mean and sample standard deviation (0 for one trial) of the test top-1 over trials, and each trial's.
    public func evaluate(train: FeatureMatrix, test: FeatureMatrix, classes: Int)
        -> (mean: Double, std: Double, accuracies: [Double]) {
        let accuracies = (0..<trials).map { trial(train: train, test: test, classes: classes, index: $0) }
        let mean = accuracies.reduce(0, +) / Double(max(accuracies.count, 1))
        let variance = accuracies.count < 2 ? 0
            : accuracies.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(accuracies.count - 1)
        return (mean, variance.squareRoot(), accuracies)
    }

    /// Trial `index`'s labelled rows of `labels`: `labelsPerClass` of each class (fewer when a class has fewer),
    /// drawn without replacement by (seed, index), in draw order.
    public func draw(labels: [Int32], classes: Int, trial index: Int) -> [Int] {
        var rng = RNG(seed: seed, stream: [0xFE1, UInt64(index)])
        var taken = [Int](repeating: 0, count: classes)
        var out: [Int] = []
        for i in rng.permutation(labels.count) {
            let c = Int(labels[i])
            if taken[c] < labelsPerClass { taken[c] += 1; out.append(i) }
            if out.count == labelsPerClass * classes { break }
        }
        return out
    }

    /// One trial: draw, train a fresh head, test top-1.
    func trial(train: FeatureMatrix, test: FeatureMatrix, classes: Int, index: Int) -> Double {
        let rows = draw(labels: train.labels, classes: classes, trial: index)
        precondition(!rows.isEmpty, "few-label: no labelled rows")
        let layout = ParameterLayout()
        let head = Head(layout, in: train.dim, hidden: hidden, classes: classes)
        var rng = RNG(seed: seed, stream: [0xFE2, UInt64(index)])
        let store = ParameterStore(layout: layout, rng: &rng)
        let opt = optimizer.make(for: store)
        let batch = min(batchSize ?? rows.count, rows.count)
        var order = rows, cursor = rows.count
        let x = Tensor(uninitialized: [batch, train.dim])
        var targets = [Int](repeating: 0, count: batch)
        for step in 0..<steps {
            // Epochs over the labelled set, reshuffled each time it is used up (a no-op for full batches).
            for r in 0..<batch {
                if cursor == rows.count { order = rng.permutation(rows.count).map { rows[$0] }; cursor = 0 }
                let i = order[cursor]; cursor += 1
                train.values.withUnsafeBufferPointer {
                    (x.data + r * train.dim).update(from: $0.baseAddress! + i * train.dim, count: train.dim)
                }
                targets[r] = Int(train.labels[i])
            }
            let tape = Tape(context: context)
            let loss = tape.crossEntropy(head(x, store, tape), targets: targets)
            store.zeroGrads()
            tape.backward(from: loss)
            opt.step(store, lr: Float(schedule.rate(base: lr, step: step)))
        }
        return head.accuracy(test, store, context: context)
    }

    /// `[Linear → ReLU]* → Linear`, PyTorch's default initialisation.
    struct Head {
        let layers: [LinearLayer]

        init(_ layout: ParameterLayout, in width: Int, hidden: [Int], classes: Int) {
            let widths = [width] + hidden + [classes]
            layers = (0..<(widths.count - 1)).map { LinearLayer(layout, "head.\($0)", in: widths[$0], out: widths[$0 + 1]) }
        }

        func callAsFunction(_ x: Tensor, _ store: ParameterStore, _ tape: Tape) -> Tensor {
            var h = x
            for (i, layer) in layers.enumerated() {
                h = layer(h, store, tape)
                if i < layers.count - 1 { h = tape.relu(h) }
            }
            return h
        }

        /// Top-1 of the head's argmax on `m`, in blocks so the logits stay small.
        func accuracy(_ m: FeatureMatrix, _ store: ParameterStore, block: Int = 2048, context: EngineContext) -> Double {
            var hits = 0, start = 0
            while start < m.count {
                let rows = min(block, m.count - start)
                let t = Tensor(uninitialized: [rows, m.dim])
                m.values.withUnsafeBufferPointer { t.data.update(from: $0.baseAddress! + start * m.dim, count: rows * m.dim) }
                let logits = self(t, store, Tape.inference(context: context))
                let c = logits.shape[1]
                for i in 0..<rows {
                    let row = logits.data + i * c
                    var best = 0
                    for j in 1..<c where row[j] > row[best] { best = j }
                    if best == Int(m.labels[start + i]) { hits += 1 }
                }
                start += rows
            }
            return Double(hits) / Double(max(m.count, 1))
        }
    }
}
