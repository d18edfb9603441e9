/// Every loss a spec can name, one line each. A new loss is one file in `Losses/` and one line here.
public enum LossRegistry {
    public static let entries: [LossEntry] = [
        InfoNCE.entry,
        AlignUniform.entry,
        ContrastiveUniform.entry,
        MoCoLoss.entry,
        InstanceDiscrimination.entry,
        Ring.entry,
        KernelInfoNCE.entry,
        CACR.entry,
        HardNegative.entry,
        ManifoldCLR.entry,
    ]

    /// The entry for a spec's `loss.name`, or nil.
    public static func entry(named name: String) -> LossEntry? { entries.first { $0.name == name } }

    /// All registered names, for "did you mean" suggestions.
    public static var names: [String] { entries.map(\.name) }
}
