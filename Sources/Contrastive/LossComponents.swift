/// The training components a loss works with, declared by its registry entry so that a spec can be checked
/// against them without building the loss.
public enum LossComponents: String, Sendable, Equatable, CaseIterable {
    /// In-batch negatives only: no queue, memory bank or momentum encoder.
    case batch
    /// A momentum encoder whose keys fill a queue of negatives (MoCo).
    case momentumQueue
    /// A memory bank of one embedding per training image (instance discrimination).
    case memoryBank
    /// Either of the two (Ring: MoCo-Ring with a queue, IR-Ring with a bank).
    case momentumQueueOrMemoryBank

    /// Whether a method with these components fits: `momentum` = momentum encoder and queue, `bank` = memory bank.
    public func accepts(momentum: Bool, bank: Bool) -> Bool {
        switch self {
        case .batch: return !momentum && !bank
        case .momentumQueue: return momentum && !bank
        case .memoryBank: return bank && !momentum
        case .momentumQueueOrMemoryBank: return momentum != bank
        }
    }

    /// What a method must declare, in spec keys.
    public var requirement: String {
        switch self {
        case .batch: return "no memory_bank, momentum_encoder or queue"
        case .momentumQueue: return "momentum_encoder and queue"
        case .memoryBank: return "memory_bank"
        case .momentumQueueOrMemoryBank: return "memory_bank (IR-Ring) or momentum_encoder and queue (MoCo-Ring)"
        }
    }
}
