import Engine
import Contrastive
import NN

/// Workload W4 (as `scripts/torch_peer.py` defines it): a softmax linear probe on 60,000 × 128 synthetic features.
///
/// Features `X = 0.5 · mean[y] + N(0, 1)` around 10 Gaussian class means; model `Linear(128 → 10)` with
/// bias, mean cross-entropy, minibatch SGD lr 0.1 momentum 0.9, batch 256, reshuffled every epoch.
public struct LinearProbeBench {
    public let count: Int, dim: Int, classes: Int
    let features: Tensor
    let labels: [Int]
    /// Workers and BLAS threads of the probe's tapes and GEMMs.
    public var context: EngineContext = .serial

    public init(count: Int = 60_000, dim: Int = 128, classes: Int = 10, seed: UInt64 = 0) {
        self.count = count; self.dim = dim; self.classes = classes
        var rng = RNG(seed: seed, stream: [0x4A4])
        let means = (0..<classes * dim).map { _ in rng.normal() }
        labels = (0..<count).map { _ in rng.int(below: classes) }
        features = Tensor(uninitialized: [count, dim])
        for i in 0..<count {
            let row = features.data + i * dim, m = labels[i] * dim
            for j in 0..<dim { row[j] = 0.5 * means[m + j] + rng.normal() }
        }
    }

    /// Fits the full-batch L-BFGS softmax regression the smoke probes use (`SoftmaxRegression`, 100 iterations,
    /// as the reference's `torch_lbfgs_fullbatch_100it`) and returns its training accuracy.
    public func lbfgsRun(iterations: Int = 100) -> Double {
        let m = FeatureMatrix(values: Array(UnsafeBufferPointer(start: features.data, count: count * dim)), count: count,
                              dim: dim, labels: labels.map(Int32.init))
        var probe = SoftmaxRegression(iterations: iterations)
        probe.context = context
        return probe.evaluate(train: m, test: m, classes: classes)
    }

    /// Trains a fresh probe for `epochs` and returns its training accuracy.
    public func sgdRun(epochs: Int = 100, batch: Int = 256, seed: UInt64 = 0) -> Double {
        let layout = ParameterLayout()
        let fc = LinearLayer(layout, "probe", in: dim, out: classes, bias: true)
        var rng = RNG(seed: seed, stream: [0x4A5])
        let store = ParameterStore(layout: layout, rng: &rng)
        let sgd = SGD(store: store, momentum: 0.9)
        let x = Tensor(uninitialized: [batch, dim])
        var targets = [Int](repeating: 0, count: batch)
        for _ in 0..<epochs {
            let order = rng.permutation(count)
            var start = 0
            while start < count {
                let rows = min(batch, count - start)
                let xb = rows == batch ? x : Tensor(uninitialized: [rows, dim])
                targets.removeAll(keepingCapacity: true)
                for r in 0..<rows {
                    let i = order[start + r]
                    (xb.data + r * dim).update(from: features.data + i * dim, count: dim)
                    targets.append(labels[i])
                }
                let tape = Tape(context: context)
                let loss = tape.crossEntropy(fc(xb, store, tape), targets: targets)
                store.zeroGrads()
                tape.backward(from: loss)
                sgd.step(store, lr: 0.1)
                start += rows
            }
        }
        return accuracy(fc, store)
    }

    /// Steps of `sgdRun` for `epochs` epochs of `batch`.
    public func steps(epochs: Int = 100, batch: Int = 256) -> Int { epochs * ((count + batch - 1) / batch) }

    func accuracy(_ fc: LinearLayer, _ store: ParameterStore) -> Double {
        let logits = fc(features, store, Tape.inference(context: context))
        var hits = 0
        for i in 0..<count {
            let row = logits.data + i * classes
            var best = 0
            for j in 1..<classes where row[j] > row[best] { best = j }
            if best == labels[i] { hits += 1 }
        }
        return Double(hits) / Double(count)
    }
}
