import Dispatch

/// Wall time spent per kind of op, for `replicate bench --profile`.
///
/// Off by default; when off, `measure` costs one branch. Timing is wall clock around each kernel (both
/// cores busy count once), so the kinds add up to the step time minus what no op covers.
public enum OpProfile {
    /// The kinds a step's time is split into.
    public enum Kind: Int, CaseIterable, Sendable {
        case convForward, convBackwardWeight, convBackwardData
        case batchNormForward, batchNormBackward
        case poolForward, poolBackward
        case reluForward, reluBackward
        case linearForward, linearBackward
        case matmul, lossKernels, shapeAndElementwise

        public var label: String {
            switch self {
            case .convForward: return "conv fwd (im2col + GEMM)"
            case .convBackwardWeight: return "conv bwd-weight (im2col + GEMM)"
            case .convBackwardData: return "conv bwd-data (GEMM + col2im)"
            case .batchNormForward: return "batch norm fwd"
            case .batchNormBackward: return "batch norm bwd"
            case .poolForward: return "pool fwd"
            case .poolBackward: return "pool bwd"
            case .reluForward: return "ReLU fwd"
            case .reluBackward: return "ReLU bwd"
            case .linearForward: return "linear fwd"
            case .linearBackward: return "linear bwd"
            case .matmul: return "matmul (z zᵀ), fwd + bwd"
            case .lossKernels: return "normalize + softmax-CE, fwd + bwd"
            case .shapeAndElementwise: return "shape / elementwise ops"
            }
        }
    }

    /// Whether ops time themselves.
    nonisolated(unsafe) public static var enabled = false
    // Fixed buffers rather than arrays: no copy-on-write check if two threads ever add at once.
    nonisolated(unsafe) private static let totals = zeroed(Kind.allCases.count)
    nonisolated(unsafe) private static let flopTotals = zeroed(Kind.allCases.count)

    private static func zeroed(_ n: Int) -> UnsafeMutablePointer<Double> {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: n)
        p.initialize(repeating: 0, count: n)
        return p
    }

    /// Seconds accumulated per kind since the last `reset()`.
    public static var seconds: [Kind: Double] {
        Dictionary(uniqueKeysWithValues: Kind.allCases.map { ($0, totals[$0.rawValue]) })
    }

    /// Floating-point operations (2 per multiply-add) of the GEMM kinds since the last `reset()`.
    public static var flops: [Kind: Double] {
        Dictionary(uniqueKeysWithValues: Kind.allCases.map { ($0, flopTotals[$0.rawValue]) })
    }

    public static func reset() {
        for i in 0..<Kind.allCases.count { totals[i] = 0; flopTotals[i] = 0 }
    }

    /// Runs `body`, adding its wall time (and `flops`) to `kind` when profiling is on.
    @inline(__always)
    public static func measure<T>(_ kind: Kind, flops: Double = 0, _ body: () -> T) -> T {
        guard enabled else { return body() }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let r = body()
        totals[kind.rawValue] += Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
        flopTotals[kind.rawValue] += flops
        return r
    }
}
