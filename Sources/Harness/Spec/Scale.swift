/// How much compute a run spends (README, "What it does"): minutes, hours, or the paper's full recipe.
public enum Scale: String, CaseIterable, Sendable, Codable, Comparable {
    case smoke, reduced, full

    /// Whether a run at this scale may find its data missing and report its claims `not run` (exit 1, "nothing was
    /// checked") rather than stop with exit 2: only `full`, which needs the paper's own data sets (CIFAR, STL-10,
    /// ImageNet) that most machines lack. Smoke and reduced run on Fashion-MNIST, which Debian packages: a machine
    /// without it is misconfigured, and a nightly job there must fail, not pass having checked nothing.
    public var dataIsOptional: Bool { self == .full }

    public static func < (a: Scale, b: Scale) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
