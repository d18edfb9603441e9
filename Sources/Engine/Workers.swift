import Dispatch

/// How many threads a kernel may split its loop over: the engine context's worker count, passed to each kernel.
///
/// Loops under `minimumWork` elements run inline: on 2 cores the dispatch costs more than it saves there.
/// Kernels that reduce across workers (conv weight gradients) sum one partial per worker, so their bits
/// depend on `count`; elementwise kernels give the same bits for any count.
public struct Workers: Sendable, Equatable, CustomStringConvertible {
    /// Threads a loop may use at once (at least 1).
    public let count: Int

    public init(_ count: Int) { self.count = max(1, count) }

    /// One thread: every loop runs inline on the caller.
    public static let one = Workers(1)

    public var description: String { "\(count)" }

    /// Calls `body(range)` for disjoint ranges covering `0..<n`.
    @inline(__always)
    public func forRange(_ n: Int, minimumWork: Int = 32_768, work perItem: Int = 1, _ body: (Range<Int>) -> Void) {
        let chunks = min(count, n)
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
