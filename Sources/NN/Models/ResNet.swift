import Engine

/// `resnet18` and `resnet50`: torchvision's ResNets without the classifier, ending in global average pooling.
///
/// - Paper: He et al., "Deep Residual Learning for Image Recognition", CVPR 2016 (torchvision 0.14 `resnet18`,
///   `resnet50`; v1.5 bottlenecks).
///
/// `(N, C, H, W)` → stem → 4 stages of blocks (widths 64, 128, 256, 512 × expansion; stages 2–4 start with
/// stride 2) → global average pool → `(N, 512)` (ResNet-18) or `(N, 2048)` (ResNet-50).
/// Stems: `imagenet` = conv7x7/2 pad 3, BN, ReLU, max-pool 3/2 pad 1; `cifar` = conv3x3/1 pad 1, BN, ReLU
/// (SimCLR's CIFAR variant, pl_bolts `first_conv=False, maxpool1=False`). Parameter names are torchvision's
/// `state_dict` keys under `encoder.`; without `fc`, ResNet-18 has 11,176,512 parameters and ResNet-50 23,508,032
/// (imagenet stem; the cifar stem has 7,680 fewer).
public struct ResNet: Backbone {
    public enum Stem: String, Sendable, CaseIterable { case cifar, imagenet }
    public enum Depth: Sendable, CaseIterable {
        case resnet18, resnet50
        /// Blocks per stage.
        var blocks: [Int] { self == .resnet18 ? [2, 2, 2, 2] : [3, 4, 6, 3] }
        var block: any ResidualBlock.Type { self == .resnet18 ? BasicBlock.self : Bottleneck.self }
    }

    public let stem: Stem
    let conv1: Conv2DLayer, bn1: BatchNormLayer
    let stages: [[any ResidualBlock]]
    public let featureDim: Int

    public init(_ layout: ParameterLayout, depth: Depth, channels: Int, stem: Stem) {
        self.stem = stem
        let k = stem == .imagenet ? 7 : 3
        conv1 = Conv2DLayer(layout, "encoder.conv1", in: channels, out: 64, kernel: k, stride: stem == .imagenet ? 2 : 1,
                            padding: k / 2, initializer: kaimingFanOut(64, k))
        bn1 = BatchNormLayer(layout, "encoder.bn1", channels: 64, axis: 0)
        let block = depth.block
        var inPlanes = 64
        var stages: [[any ResidualBlock]] = []
        for (s, count) in depth.blocks.enumerated() {
            let planes = 64 << s
            stages.append((0..<count).map { b in
                defer { inPlanes = planes * block.expansion }
                return block.init(layout, "encoder.layer\(s + 1).\(b)", inPlanes: inPlanes, planes: planes,
                                  stride: s > 0 && b == 0 ? 2 : 1)
            })
        }
        self.stages = stages
        featureDim = inPlanes
    }

    public func features(_ images: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        var h = images.shape[1] == 1 && !images.requiresGrad ? images.reshaped([1, images.shape[0], images.shape[2], images.shape[3]])
                                     : tape.channelMajor(images)
        h = bn1(conv1(h, params, tape), params, tape, relu: true)
        if stem == .imagenet { h = tape.maxPool(h, kernel: 3, stride: 2, padding: 1) }
        for stage in stages { for block in stage { h = block(h, params, tape) } }
        return tape.globalAvgPool(h)
    }
}
