import Dispatch

/// Splits `0..<n` into contiguous chunks and runs them on the machine's cores.
///
/// Loops under `minimumWork` elements run inline: on 2 cores the dispatch costs more than it saves there.
public enum Parallel {
    /// Worker count; the machine has 2 cores.
    nonisolated(unsafe) public static var workers = max(1, min(ProcessInfoShim.cores, 8))

    /// Calls `body(range)` for disjoint ranges covering `0..<n`.
    @inline(__always)
    public static func forRange(_ n: Int, minimumWork: Int = 32_768, work perItem: Int = 1,
                                _ body: (Range<Int>) -> Void) {
        let chunks = min(workers, n)
        if chunks <= 1 || n * perItem < minimumWork {
            if n > 0 { body(0..<n) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = n * c / chunks, hi = n * (c + 1) / chunks
                if lo < hi { box.value(lo..<hi) }
            }
        }
    }
}

/// Carries a non-Sendable value into `concurrentPerform`; callers guarantee disjoint writes.
public struct UncheckedBox<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}

enum ProcessInfoShim {
    static var cores: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 2
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
