import Foundation

/// Min / median / max of a set of measurements.
public struct Spread: Codable, Sendable, Equatable {
    public var min: Double, median: Double, max: Double

    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "spread of no values")
        let s = values.sorted()
        min = s[0]; max = s[s.count - 1]
        median = s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    public init(min: Double, median: Double, max: Double) { self.min = min; self.median = median; self.max = max }

    /// Every value mapped by `f` (monotone decreasing maps swap min and max).
    public func map(_ f: (Double) -> Double) -> Spread { Spread([f(min), f(median), f(max)]) }
}

/// The README's timing protocol: `warmup` untimed steps, then up to `measurements` groups of `steps`
/// steps, stopping early once `budget` seconds have passed and at least 3 groups are done.
public struct BenchTimer: Sendable {
    public var warmup: Int, measurements: Int, steps: Int
    public var budget: Double

    public init(warmup: Int, measurements: Int, steps: Int, budget: Double = 150) {
        self.warmup = warmup; self.measurements = measurements; self.steps = steps; self.budget = budget
    }

    /// Seconds per step of every timed group.
    public func run(_ step: () -> Void) -> [Double] {
        for _ in 0..<warmup { step() }
        var perStep: [Double] = []
        let start = Self.now()
        for i in 0..<measurements {
            let t = Self.now()
            for _ in 0..<steps { step() }
            perStep.append((Self.now() - t) / Double(steps))
            if i + 1 >= 3 && Self.now() - start > budget { break }
        }
        return perStep
    }

    /// Monotonic seconds.
    public static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }
}
