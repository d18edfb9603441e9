import Contrastive
import Data
import Engine
import NN
import Testing

struct ManifoldCLRMethodTests {
    /// A ManifoldCLR pretrainer on real Fashion-MNIST (convnet-s, batch 32), with or without a projector.
    func trainer(projector: Bool, loss: ManifoldCLR, steps: Int, seed: UInt64 = 1) throws -> (Pretrainer, ManifoldCLRMethod) {
        let data = try fashionSubset(256)
        let net = try #require(ContrastiveNetwork(backbone: "convnet-s", channels: 1, imageSize: 28,
                                                  projectorHidden: projector ? [32] : nil,
                                                  projectorOutput: projector ? 16 : nil, projectorBatchNorm: true))
        let method = ManifoldCLRMethod(loss: loss, network: net)
        let pipeline = try AugmentPipeline(views: 2, crop: try RandomResizedCrop(size: 28, scale: (0.2, 1)),
                                           flipProbability: 0.5, normalization: FashionMNIST.normalization)
        let loader = BatchLoader(dataset: data, pipeline: pipeline, sampler: try BatchSampler(count: data.count, batchSize: 32, seed: seed))
        let trainer = Pretrainer(network: net, method: method, loader: loader,
                                 settings: PretrainSettings(steps: steps, baseLR: 0.01, momentum: 0.9, seed: seed))
        return (trainer, method)
    }

    @Test("the operators, encoder and prior live in the trained store and learn", arguments: [true, false])
    func trainsModules(projector: Bool) throws {
        let loss = ManifoldCLR(dictionarySize: 4, blocks: 8, transportWeight: 10, klWeight: 1e-3, l2Weight: 1e-2,
                               threshold: 0.01, samples: 3, samplingStart: 1, priorWarmup: 2)
        let (trainer, method) = try trainer(projector: projector, loss: loss, steps: 3)
        let layout = trainer.network.layout
        let names = Set(layout.parameters.map(\.name))
        #expect(method.modules.operatorParameters.isSubset(of: names) && method.modules.coefficientParameters.isSubset(of: names))
        let psi = trainer.store[method.modules.operators.psi]
        let initial = psi.array
        #expect(initial.contains { $0 != 0 })
        let before = trainer.store.valueArray
        try trainer.run()
        #expect(trainer.losses.count == 3 && trainer.losses.allSatisfy(\.isFinite))
        #expect(psi.array != initial)
        let after = trainer.store.valueArray
        for group in [method.modules.coefficientParameters, ["encoder."]] {
            let changed = layout.parameters.filter { info in group.contains { info.name.hasPrefix($0) } }
                .contains { info in (info.offset..<(info.offset + info.count)).contains { before[$0] != after[$0] } }
            #expect(changed)
        }
        let terms = try #require(method.lastTerms)
        #expect(terms.transport.item > 0 && terms.kl.item.isFinite && terms.coefficients.shape == [32, 4])
        // Thresholding zeroes some coefficients.
        #expect(terms.coefficients.array.contains(0))
    }

    @Test func repeatable() throws {
        let loss = ManifoldCLR(dictionarySize: 2, blocks: 8, samples: 2, samplingStart: 0)
        let (a, _) = try trainer(projector: true, loss: loss, steps: 2)
        let (b, _) = try trainer(projector: true, loss: loss, steps: 2)
        try a.run(); try b.run()
        #expect(a.losses == b.losses && a.store.valueArray == b.store.valueArray)
    }
}
