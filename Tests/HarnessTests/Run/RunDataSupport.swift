import Foundation
import Data

/// Deterministic pseudo-random bytes (a pointer loop: tests run unoptimised).
func runTestBytes(_ n: Int, seed: UInt64) -> [UInt8] {
    var x = seed &+ 0x9E37_79B9_7F4A_7C15
    return [UInt8](unsafeUninitializedCapacity: n) { buf, count in
        for i in 0..<n {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            buf[i] = UInt8(truncatingIfNeeded: x >> 24)
        }
        count = n
    }
}

/// Writes the six files of CIFAR-10's binary version, full size (10,000 records each, 184 MB in all) with
/// synthetic pixels, under `<root>/cifar-10-batches-bin/`. Labels cycle 0…9 so every class has 5,000 / 1,000.
func writeCIFAR10(root: URL) throws {
    let dir = root.appendingPathComponent("cifar-10-batches-bin")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (k, name) in CIFAR10.fileNames(.train).enumerated() + CIFAR10.fileNames(.test).map({ (5, $0) }) {
        let records = CIFARBinary.encode(pixels: runTestBytes(10_000 * CIFARBinary.imageBytes, seed: UInt64(k + 1)),
                                         labels: (0..<10_000).map { [UInt8($0 % 10)] })
        try Data(records).write(to: dir.appendingPathComponent(name))
    }
}

/// One full-size CIFAR-10 copy per test process (read-only: tests that need a damaged copy link to its files).
let sharedCIFAR10Root: URL = {
    let url = sharedCIFAR10Path()
    // Removed when the test process exits (Swift Testing has no suite-wide teardown).
    atexit { try? FileManager.default.removeItem(at: sharedCIFAR10Path()) }
    if !FileManager.default.fileExists(atPath: url.appendingPathComponent("cifar-10-batches-bin/test_batch.bin").path) {
        try! writeCIFAR10(root: url)
    }
    return url
}()

private func sharedCIFAR10Path() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("replicate-cifar10-\(ProcessInfo.processInfo.processIdentifier)")
}

/// A throwaway folder.
final class ScratchDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("replicate-run-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
