#if canImport(Glibc)
import Glibc
#endif

/// Counts what the current thread's work costs inside `measure(_:)`: GEMM multiply-adds and bytes of tensor
/// memory allocated. Cost estimates (`replicate plan`) read a model's real layer shapes this way. Per thread,
/// so concurrent work elsewhere is not counted, and zero cost when no measurement is running.
public enum CostCounter {
    public struct Cost: Equatable, Sendable {
        public var macs = 0
        public var bytes = 0
    }

    private final class Box { var cost = Cost() }
    nonisolated(unsafe) private static var key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// Runs `body` and returns the cost of what it ran on this thread.
    public static func measure(_ body: () throws -> Void) rethrows -> Cost {
        let box = Box()
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(box).toOpaque())
        defer { pthread_setspecific(key, previous) }
        try withExtendedLifetime(box) { try body() }
        return box.cost
    }

    @inline(__always)
    static func addMACs(_ macs: Int) {
        guard let p = pthread_getspecific(key) else { return }
        Unmanaged<Box>.fromOpaque(p).takeUnretainedValue().cost.macs += macs
    }

    @inline(__always)
    static func addBytes(_ bytes: Int) {
        guard let p = pthread_getspecific(key) else { return }
        Unmanaged<Box>.fromOpaque(p).takeUnretainedValue().cost.bytes += bytes
    }
}
