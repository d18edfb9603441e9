import Engine

/// A residual block of torchvision's ResNet on `(C, N, H, W)` activations.
public protocol ResidualBlock: Layer {
    /// Output channels over the block's `planes` (1 for `BasicBlock`, 4 for `Bottleneck`).
    static var expansion: Int { get }
    init(_ layout: ParameterLayout, _ name: String, inPlanes: Int, planes: Int, stride: Int)
}

/// torchvision's kaiming-normal initialisation of ResNet convolutions: `N(0, 2 / fan_out)`, `fan_out = Cout·k·k`.
func kaimingFanOut(_ cout: Int, _ k: Int) -> Initializer { .normal(std: (2 / Float(cout * k * k)).squareRoot()) }

/// The projection shortcut: conv1x1 stride `s` (no bias) + BN, named `downsample.0` / `downsample.1`.
struct Downsample {
    let conv: Conv2DLayer, bn: BatchNormLayer

    /// Nil when the shortcut is the identity (same width, stride 1).
    init?(_ layout: ParameterLayout, _ name: String, inPlanes: Int, outPlanes: Int, stride: Int) {
        guard stride != 1 || inPlanes != outPlanes else { return nil }
        conv = Conv2DLayer(layout, "\(name).downsample.0", in: inPlanes, out: outPlanes, kernel: 1, stride: stride,
                           initializer: kaimingFanOut(outPlanes, 1))
        bn = BatchNormLayer(layout, "\(name).downsample.1", channels: outPlanes, axis: 0)
    }

    func callAsFunction(_ x: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        bn(conv(x, params, tape), params, tape)
    }
}

/// ResNet-18/34's block.
///
/// - Paper: He et al., "Deep Residual Learning for Image Recognition", CVPR 2016 (torchvision `BasicBlock`).
///
/// `y = ReLU(BN(conv3x3(ReLU(BN(conv3x3_s(x))))) + shortcut(x))`, `(Cin, N, H, W)` → `(planes, N, H/s, W/s)`.
public struct BasicBlock: ResidualBlock {
    public static let expansion = 1
    let conv1: Conv2DLayer, bn1: BatchNormLayer, conv2: Conv2DLayer, bn2: BatchNormLayer
    let downsample: Downsample?

    public init(_ layout: ParameterLayout, _ name: String, inPlanes: Int, planes: Int, stride: Int) {
        conv1 = Conv2DLayer(layout, "\(name).conv1", in: inPlanes, out: planes, kernel: 3, stride: stride, padding: 1,
                            initializer: kaimingFanOut(planes, 3))
        bn1 = BatchNormLayer(layout, "\(name).bn1", channels: planes, axis: 0)
        conv2 = Conv2DLayer(layout, "\(name).conv2", in: planes, out: planes, kernel: 3, padding: 1,
                            initializer: kaimingFanOut(planes, 3))
        bn2 = BatchNormLayer(layout, "\(name).bn2", channels: planes, axis: 0)
        downsample = Downsample(layout, name, inPlanes: inPlanes, outPlanes: planes, stride: stride)
    }

    public func callAsFunction(_ x: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        let h = bn1(conv1(x, params, tape), params, tape, relu: true)
        let shortcut = downsample?(x, params, tape) ?? x
        return bn2(conv2(h, params, tape), params, tape, relu: true, residual: shortcut)
    }
}

/// ResNet-50's block, v1.5 (the stride sits in the 3x3 conv, as torchvision's `Bottleneck`).
///
/// - Paper: He et al., "Deep Residual Learning for Image Recognition", CVPR 2016 (torchvision `Bottleneck`).
///
/// `y = ReLU(BN(conv1x1→4p(ReLU(BN(conv3x3_s(ReLU(BN(conv1x1→p(x)))))))) + shortcut(x))`,
/// `(Cin, N, H, W)` → `(4·planes, N, H/s, W/s)`.
public struct Bottleneck: ResidualBlock {
    public static let expansion = 4
    let conv1: Conv2DLayer, bn1: BatchNormLayer, conv2: Conv2DLayer, bn2: BatchNormLayer
    let conv3: Conv2DLayer, bn3: BatchNormLayer
    let downsample: Downsample?

    public init(_ layout: ParameterLayout, _ name: String, inPlanes: Int, planes: Int, stride: Int) {
        let out = planes * Self.expansion
        conv1 = Conv2DLayer(layout, "\(name).conv1", in: inPlanes, out: planes, kernel: 1, initializer: kaimingFanOut(planes, 1))
        bn1 = BatchNormLayer(layout, "\(name).bn1", channels: planes, axis: 0)
        conv2 = Conv2DLayer(layout, "\(name).conv2", in: planes, out: planes, kernel: 3, stride: stride, padding: 1,
                            initializer: kaimingFanOut(planes, 3))
        bn2 = BatchNormLayer(layout, "\(name).bn2", channels: planes, axis: 0)
        conv3 = Conv2DLayer(layout, "\(name).conv3", in: planes, out: out, kernel: 1, initializer: kaimingFanOut(out, 1))
        bn3 = BatchNormLayer(layout, "\(name).bn3", channels: out, axis: 0)
        downsample = Downsample(layout, name, inPlanes: inPlanes, outPlanes: out, stride: stride)
    }

    public func callAsFunction(_ x: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        var h = bn1(conv1(x, params, tape), params, tape, relu: true)
        h = bn2(conv2(h, params, tape), params, tape, relu: true)
        let shortcut = downsample?(x, params, tape) ?? x
        return bn3(conv3(h, params, tape), params, tape, relu: true, residual: shortcut)
    }
}
