import Engine

/// `small-alexnet`, the encoder of align-uniform and CACR's small-scale experiments.
///
/// - Paper: Wang & Isola, "Understanding Contrastive Representation Learning through Alignment and Uniformity
///   on the Hypersphere", ICML 2020 (github.com/SsnL/align_uniform `SmallAlexNet`, itself from CMC).
///
/// `(N, C, S, S)` → 5 × [conv3x3 pad 1 (no bias), BN, ReLU] with max-pool 3/2 after conv 1, 2 and 5
/// (widths 96, 192, 384, 384, 192) → flatten `(N, 192·s·s)` in NCHW order (`s` = 3 at S = 32, 7 at S = 64)
/// → fc6 Linear→4096 (no bias), BN1d, ReLU → fc7 Linear 4096→4096 (no bias), BN1d, ReLU → fc8 Linear→`outputDim`
/// (bias) → `(N, outputDim)`. The original ends in an L2 normalisation, which the losses here apply themselves.
/// Weights start at N(0, 0.02), biases at 0, as the original's `init_weights_`. Parameter names are the
/// original's `state_dict` keys under `encoder.` (`encoder.blocks.5.1.weight` is fc6).
public struct SmallAlexNet: Backbone {
    let convs: [Conv2DLayer]
    let convNorms: [BatchNormLayer]
    let fc6: LinearLayer, bn6: BatchNormLayer
    let fc7: LinearLayer, bn7: BatchNormLayer
    let fc8: LinearLayer
    /// Side of the last conv block's output (3 for 32×32 images, 7 for 64×64).
    public let finalSide: Int
    public let featureDim: Int
    public var namedFeatureDims: [String: Int] { ["fc7": 4096] }

    static let widths = [96, 192, 384, 384, 192]
    static let pooled: Set<Int> = [0, 1, 4]

    public init(_ layout: ParameterLayout, channels: Int, imageSize: Int, outputDim: Int = 128) {
        let normal = Initializer.normal(std: 0.02)
        var cin = channels, convs: [Conv2DLayer] = [], norms: [BatchNormLayer] = []
        for (i, w) in Self.widths.enumerated() {
            convs.append(Conv2DLayer(layout, "encoder.blocks.\(i).0", in: cin, out: w, kernel: 3, padding: 1, initializer: normal))
            norms.append(BatchNormLayer(layout, "encoder.blocks.\(i).1", channels: w, axis: 0))
            cin = w
        }
        self.convs = convs; convNorms = norms
        var side = imageSize
        for _ in Self.pooled { side = MaxPoolKernel.outSize(side, k: 3, s: 2, p: 0) }
        precondition(side >= 1, "small-alexnet: \(imageSize)x\(imageSize) images are too small for three 3/2 max-pools")
        finalSide = side
        fc6 = LinearLayer(layout, "encoder.blocks.5.1", in: 192 * side * side, out: 4096, bias: false, weightInit: normal)
        bn6 = BatchNormLayer(layout, "encoder.blocks.5.2", channels: 4096, axis: 1)
        fc7 = LinearLayer(layout, "encoder.blocks.6.0", in: 4096, out: 4096, bias: false, weightInit: normal)
        bn7 = BatchNormLayer(layout, "encoder.blocks.6.1", channels: 4096, axis: 1)
        fc8 = LinearLayer(layout, "encoder.blocks.7.0", in: 4096, out: outputDim, weightInit: normal, biasInit: .constant(0))
        featureDim = outputDim
    }

    /// fc7's output `(N, 4096)` (after its ReLU, the original's `layer_index=-2`).
    func fc7Features(_ images: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        var h = images.shape[1] == 1 && !images.requiresGrad ? images.reshaped([1, images.shape[0], images.shape[2], images.shape[3]])
                                     : tape.channelMajor(images)
        for i in 0..<convs.count {
            h = convNorms[i](convs[i](h, params, tape), params, tape, relu: true)
            if Self.pooled.contains(i) { h = tape.maxPool(h, kernel: 3, stride: 2) }
        }
        // (C, N, s, s) → (N, C, s, s) is the same axis swap as channelMajor; then flatten in NCHW order.
        let n = images.shape[0]
        h = tape.reshape(tape.channelMajor(h), [n, h.count / n])
        h = bn6(fc6(h, params, tape), params, tape, relu: true)
        return bn7(fc7(h, params, tape), params, tape, relu: true)
    }

    public func features(_ images: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        fc8(fc7Features(images, params, tape), params, tape)
    }

    public func features(_ images: Tensor, _ params: ParameterStore, _ tape: Tape, at layer: String) -> Tensor? {
        layer == "fc7" ? fc7Features(images, params, tape) : nil
    }
}
