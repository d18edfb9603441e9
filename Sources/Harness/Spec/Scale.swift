/// How much compute a run spends (README, "What it does"): minutes, hours, or the paper's full recipe.
public enum Scale: String, CaseIterable, Sendable, Codable, Comparable {
    case smoke, reduced, full

    public static func < (a: Scale, b: Scale) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
