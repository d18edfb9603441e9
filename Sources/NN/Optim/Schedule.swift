/// Learning-rate schedules as pure functions of the step, so a resumed run gets the same rates.
public enum Schedule: Sendable, Equatable {
    case constant
    /// Multiply by `gamma` at each milestone (in steps).
    case multistep(milestones: [Int], gamma: Double)
    /// Cosine decay from the base rate to 0 over `total` steps.
    case cosine(total: Int)
    /// Linear warm-up over `warmup` steps, then cosine to 0 at `total`.
    case warmupCosine(warmup: Int, total: Int)
    /// Geometric decay from the base rate to `final` at `total` steps (`base · (final/base)^(step/total)`),
    /// constant after; PyTorch's `ExponentialLR` with `gamma = (final/base)^(1/total)` stepped every step.
    case exponential(total: Int, final: Double)

    /// The learning rate at `step` (0-based) for base rate `base`.
    public func rate(base: Double, step: Int) -> Double {
        switch self {
        case .constant:
            return base
        case let .multistep(milestones, gamma):
            return base * pow(gamma, Double(milestones.filter { step >= $0 }.count))
        case let .cosine(total):
            let t = min(Double(step) / Double(max(total, 1)), 1)
            return base * 0.5 * (1 + cos(Double.pi * t))
        case let .warmupCosine(warmup, total):
            if step < warmup { return base * Double(step + 1) / Double(warmup) }
            let t = min(Double(step - warmup) / Double(max(total - warmup, 1)), 1)
            return base * 0.5 * (1 + cos(Double.pi * t))
        case let .exponential(total, final):
            let t = min(Double(step) / Double(max(total, 1)), 1)
            return base * pow(final / base, t)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
