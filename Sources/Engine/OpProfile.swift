import Dispatch

/// Wall time spent per kind of op, for `replicate bench --profile`.
///
/// An `EngineContext` holds one when profiling (nil otherwise: then an op's `measure` costs one branch).
/// Timing is wall clock around each kernel (both cores busy count once), so the kinds add up to the step
/// time minus what no op covers. Ops run on the tape's thread, so one profile is added to from one thread.
public final class OpProfile: @unchecked Sendable {
    /// The kinds a step's time is split into.
    public enum Kind: Int, CaseIterable, Sendable {
        case convForward, convBackwardWeight, convBackwardData
        case batchNormForward, batchNormBackward
        case poolForward, poolBackward
        case reluForward, reluBackward
        case linearForward, linearBackward
        case matmul, lossKernels, shapeAndElementwise
        // Appended, so the earlier kinds keep their raw values.
        case convForwardOneDNN, convBackwardWeightOneDNN, convBackwardDataOneDNN, convReorder
        case layoutReorder

        /// The conv kinds, im2col and oneDNN (reorders included).
        public static let conv: [Kind] = [.convForward, .convBackwardWeight, .convBackwardData, .convForwardOneDNN,
                                          .convBackwardWeightOneDNN, .convBackwardDataOneDNN, .convReorder]

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
            case .convForwardOneDNN: return "conv fwd (oneDNN)"
            case .convBackwardWeightOneDNN: return "conv bwd-weight (oneDNN)"
            case .convBackwardDataOneDNN: return "conv bwd-data (oneDNN)"
            case .convReorder: return "conv reorders CNHW <-> oneDNN layout (all kinds)"
            case .layoutReorder: return "layout reorders at a blocked chain's edges"
            }
        }
    }

    // Fixed buffers rather than arrays: no copy-on-write check if two threads ever add at once.
    private let totals: UnsafeMutablePointer<Double>
    private let flopTotals: UnsafeMutablePointer<Double>

    /// A profile with every total at zero. It times the ops of the tapes whose context holds it.
    public init() {
        totals = .allocate(capacity: Kind.allCases.count)
        totals.initialize(repeating: 0, count: Kind.allCases.count)
        flopTotals = .allocate(capacity: Kind.allCases.count)
        flopTotals.initialize(repeating: 0, count: Kind.allCases.count)
    }

    deinit { totals.deallocate(); flopTotals.deallocate() }

    /// Seconds accumulated per kind since the last `reset()`.
    public var seconds: [Kind: Double] {
        Dictionary(uniqueKeysWithValues: Kind.allCases.map { ($0, totals[$0.rawValue]) })
    }

    /// Floating-point operations (2 per multiply-add) of the GEMM kinds since the last `reset()`.
    public var flops: [Kind: Double] {
        Dictionary(uniqueKeysWithValues: Kind.allCases.map { ($0, flopTotals[$0.rawValue]) })
    }

    /// Sets every total to zero.
    public func reset() {
        for i in 0..<Kind.allCases.count { totals[i] = 0; flopTotals[i] = 0 }
    }

    /// Runs `body`, adding its wall time (and `flops`) to `kind`.
    @inline(__always)
    public func measure<T>(_ kind: Kind, flops: Double = 0, _ body: () -> T) -> T {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let r = body()
        add(kind, seconds: Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9, flops: flops)
        return r
    }

    /// Adds time measured elsewhere (a reorder inside a kernel) to `kind`.
    public func add(_ kind: Kind, seconds: Double, flops: Double = 0) {
        totals[kind.rawValue] += seconds
        flopTotals[kind.rawValue] += flops
    }
}
