import Engine
import NN

/// Linear-probe evaluation on frozen features: a softmax classifier trained by minibatch descent, top-1 on the test set.
///
/// - Paper: the linear evaluation protocol of each paper (Wang & Isola: Adam β=(0.5, 0.999), lr 1e-3, ×0.2 at
///   epochs 60 and 80; Kernel-InfoNCE: SGD with cosine decay; ManifoldCLR: Adam decayed exponentially to 1e-6).
///   Model `(N, F) → (N, classes)`, loss mean cross-entropy.
public struct LinearProbe: Sendable {
    public var epochs: Int
    public var batchSize: Int
    public var lr: Double
    public var optimizer: OptimizerSettings
    /// The rate as a function of the epoch (0-based): the probes' schedulers step once per epoch.
    public var schedule: Schedule
    /// Report the best test accuracy over epochs (CACR's code) instead of the final one.
    public var selectBest: Bool
    /// Standardise features with training-set statistics first. Off by default: the papers probe raw features.
    public var standardize: Bool
    public var seed: UInt64
    /// Workers and BLAS threads of the probe's tapes.
    public var context: EngineContext = .serial

    public init(epochs: Int, batchSize: Int, lr: Double,
                optimizer: OptimizerSettings = OptimizerSettings(.adam(beta1: 0.9, beta2: 0.999, eps: 1e-8, decoupled: false)),
                schedule: Schedule = .constant, selectBest: Bool = false, standardize: Bool = false, seed: UInt64) {
        self.epochs = epochs; self.batchSize = batchSize; self.lr = lr; self.optimizer = optimizer
        self.schedule = schedule; self.selectBest = selectBest; self.standardize = standardize; self.seed = seed
    }

    /// Trains on `train` and returns test top-1 accuracy as a fraction.
    public func evaluate(train: FeatureMatrix, test: FeatureMatrix, classes: Int) -> Double {
        let layout = ParameterLayout()
        let fc = LinearLayer(layout, "probe", in: train.dim, out: classes, bias: true)
        var rng = RNG(seed: seed, stream: [0x9E0])
        let store = ParameterStore(layout: layout, rng: &rng)
        let opt = optimizer.make(for: store)
        var xTrain = train.values, xTest = test.values
        if standardize {
            let (mean, invStd) = Self.moments(train)
            xTrain = Self.standardised(train, mean, invStd); xTest = Self.standardised(test, mean, invStd)
        }
        var best = 0.0, last = 0.0
        for epoch in 0..<epochs {
            let rate = schedule.rate(base: lr, step: epoch)
            let order = rng.permutation(train.count)
            var start = 0
            while start < train.count {
                let idx = Array(order[start..<min(train.count, start + batchSize)])
                let x = Tensor(uninitialized: [idx.count, train.dim])
                xTrain.withUnsafeBufferPointer { src in
                    for (r, i) in idx.enumerated() { (x.data + r * train.dim).update(from: src.baseAddress! + i * train.dim, count: train.dim) }
                }
                let tape = Tape(context: context)
                let loss = tape.crossEntropy(fc(x, store, tape), targets: idx.map { Int(train.labels[$0]) })
                store.zeroGrads()
                tape.backward(from: loss)
                opt.step(store, lr: Float(rate))
                start += batchSize
            }
            if selectBest || epoch == epochs - 1 {
                last = Self.accuracy(fc, store, xTest, test, context: context)
                best = max(best, last)
            }
        }
        return selectBest ? best : last
    }

    static func accuracy(_ fc: LinearLayer, _ store: ParameterStore, _ x: [Float], _ m: FeatureMatrix,
                         context: EngineContext) -> Double {
        let t = Tensor(x, shape: [m.count, m.dim])
        let logits = fc(t, store, Tape.inference(context: context))
        let c = logits.shape[1]
        var hits = 0
        for i in 0..<m.count {
            let row = logits.data + i * c
            var best = 0
            for j in 1..<c where row[j] > row[best] { best = j }
            if best == Int(m.labels[i]) { hits += 1 }
        }
        return Double(hits) / Double(max(m.count, 1))
    }

    static func moments(_ m: FeatureMatrix) -> ([Float], [Float]) {
        var mean = [Double](repeating: 0, count: m.dim), sq = mean
        for i in 0..<m.count { for j in 0..<m.dim { let v = Double(m.values[i * m.dim + j]); mean[j] += v; sq[j] += v * v } }
        let n = Double(max(m.count, 1))
        let mu = mean.map { $0 / n }
        let inv = zip(sq, mu).map { 1 / max(($0 / n - $1 * $1).squareRoot(), 1e-6) }
        return (mu.map(Float.init), inv.map(Float.init))
    }

    static func standardised(_ m: FeatureMatrix, _ mean: [Float], _ invStd: [Float]) -> [Float] {
        var out = m.values
        for i in 0..<m.count { for j in 0..<m.dim { out[i * m.dim + j] = (out[i * m.dim + j] - mean[j]) * invStd[j] } }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#endif
