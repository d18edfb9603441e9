import Foundation
import Data

/// A fresh temporary folder per test, removed when the value is released.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("replicate-data-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Writes `bytes` at `relative`, creating folders.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let p = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: p.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: p)
        return p.path
    }
}

/// Deterministic pseudo-random bytes for synthetic images (a pointer loop: tests run unoptimised).
func testBytes(_ n: Int, seed: UInt64) -> [UInt8] {
    var x = seed &+ 0x9E37_79B9_7F4A_7C15
    return [UInt8](unsafeUninitializedCapacity: n) { buf, count in
        for i in 0..<n {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            buf[i] = UInt8(truncatingIfNeeded: x >> 24)
        }
        count = n
    }
}

/// Byte-wise equality through memcmp (Array == is element by element in unoptimised builds).
func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.count == b.count && a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in memcmp(pa.baseAddress!, pb.baseAddress!, a.count) == 0 } }
}

/// A small labelled data set of random pixels.
func syntheticDataset(count: Int, channels: Int, side: Int, classes: Int = 10, seed: UInt64 = 1) -> ImageDataset {
    ImageDataset(name: "synthetic", channels: channels, height: side, width: side, classes: classes,
                 pixels: testBytes(count * channels * side * side, seed: seed),
                 labels: (0..<count).map { Int32($0 % classes) })
}
