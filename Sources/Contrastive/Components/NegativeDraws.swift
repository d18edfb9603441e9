import Engine

/// The random integers a sampling loss reads as negatives (`LossInput.draws`): a pure function of
/// `(seed, step)`, so a resumed run draws what the uninterrupted run drew and no generator state is saved.
public enum NegativeDraws {
    /// `count` non-negative integers below 2⁶³ (a loss takes them modulo its set size; the bias is < 2⁻⁴⁶).
    public static func draws(count: Int, seed: UInt64, step: Int) -> [Int] {
        var rng = RNG(seed: seed, stream: [0x4452_4157, UInt64(step)])
        return (0..<count).map { _ in Int(truncatingIfNeeded: rng.next() >> 1) }
    }
}
