import Engine

/// `convnet-s`, the small encoder of the smoke scale (workload W1 of `replicate bench` and scripts/torch_peer.py).
///
/// - Paper: none; a 3-conv stand-in sized for minutes on 2 cores.
///
/// `(N, C, 28, 28)` → conv3x3 C→32, BN, ReLU, maxpool 2 → conv 32→64, BN, ReLU, maxpool 2 →
/// conv 64→128, BN, ReLU → global average pool → `(N, 128)`.
public struct ConvNetS: Backbone {
    let convs: [Conv2DLayer]
    let norms: [BatchNormLayer]
    public let featureDim = 128

    public init(_ layout: ParameterLayout, channels: Int) {
        let widths = [channels, 32, 64, 128]
        convs = (0..<3).map { Conv2DLayer(layout, "encoder.conv\($0 + 1)", in: widths[$0], out: widths[$0 + 1], kernel: 3, padding: 1) }
        norms = (0..<3).map { BatchNormLayer(layout, "encoder.bn\($0 + 1)", channels: widths[$0 + 1], axis: 0) }
    }

    public func features(_ images: Tensor, _ params: ParameterStore, _ tape: Tape) -> Tensor {
        // One channel: (N, 1, H, W) and (1, N, H, W) share their memory order, so no copy.
        var h = images.shape[1] == 1 ? images.reshaped([1, images.shape[0], images.shape[2], images.shape[3]]) : tape.channelMajor(images)
        for i in 0..<3 {
            h = norms[i](convs[i](h, params, tape), params, tape, relu: true)
            if i < 2 { h = tape.maxPool(h, kernel: 2) }
        }
        return tape.globalAvgPool(h)
    }
}

