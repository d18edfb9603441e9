import Dispatch

/// Prepares the next batch on a background thread while the caller trains on the current one
/// (one slot: at most one batch is built ahead).
///
/// Yields the same batches as `BatchLoader.batch(epoch:step:)` in order from a start position, so resuming
/// is `Prefetcher(loader:, epoch: e, step: s)`.
public final class Prefetcher {
    public let loader: BatchLoader
    /// Stop after this many epochs in total (`nil` runs forever).
    public let endEpoch: Int?
    private let queue = DispatchQueue(label: "replicate.data.prefetch", qos: .userInitiated)
    private let ready = DispatchSemaphore(value: 0)
    // Touched only by the producer between `schedule` and `ready.signal()`, and by the consumer after `ready.wait()`.
    private let slot = Slot()
    private var position: (epoch: Int, step: Int)
    private var inFlight = false

    private final class Slot: @unchecked Sendable {
        var batch: Batch?
        var permutation: (epoch: Int, order: [Int])?
    }

    public init(loader: BatchLoader, epoch: Int = 0, step: Int = 0, endEpoch: Int? = nil) {
        self.loader = loader; self.endEpoch = endEpoch
        position = (epoch, step)
        schedule()
    }

    deinit {
        if inFlight { ready.wait() }  // let the producer finish before the slot goes away
    }

    /// The next batch, waiting for it if it is still being built; `nil` once `endEpoch` is reached.
    public func next() -> Batch? {
        guard inFlight else { return nil }
        ready.wait()
        inFlight = false
        let batch = slot.batch
        slot.batch = nil
        position = loader.sampler.position(after: position.epoch, position.step)
        schedule()
        return batch
    }

    private func schedule() {
        if let endEpoch, position.epoch >= endEpoch { return }
        inFlight = true
        let (epoch, step) = position
        let loader = self.loader, slot = self.slot, ready = self.ready
        queue.async {
            if slot.permutation?.epoch != epoch {
                slot.permutation = (epoch, loader.sampler.permutation(epoch: epoch))
            }
            slot.batch = loader.batch(epoch: epoch, step: step, permutation: slot.permutation!.order)
            ready.signal()
        }
    }
}

extension Prefetcher: Sequence, IteratorProtocol {
    public typealias Element = Batch
}
