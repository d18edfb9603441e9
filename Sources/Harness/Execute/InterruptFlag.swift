import Foundation
import Dispatch

/// Turns Ctrl-C (SIGINT) and SIGTERM into a flag a long wait can check, so the driver can cancel what it
/// started on the cluster before it exits instead of dying mid-poll.
public final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private let wake = DispatchSemaphore(value: 0)
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    /// Routes `signals` to this flag (the process no longer ends on them until `uninstall`).
    public func install(_ signals: [Int32] = [SIGINT, SIGTERM]) {
        for s in signals {
            signal(s, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: s, queue: .global())
            source.setEventHandler { [weak self] in self?.raise() }
            source.resume()
            sources.append(source)
        }
    }

    /// Restores the default action of the signals `install` took over.
    public func uninstall() {
        for source in sources { source.cancel(); signal(Int32(source.handle), SIG_DFL) }
        sources = []
    }

    public func raise() {
        lock.lock(); raised = true; lock.unlock()
        wake.signal()
    }

    public var isRaised: Bool { lock.lock(); defer { lock.unlock() }; return raised }

    /// Sleeps up to `seconds`; returns at once when the flag is (or becomes) raised.
    public func sleep(_ seconds: Double) {
        guard !isRaised else { return }
        _ = wake.wait(timeout: .now() + seconds)
    }
}
