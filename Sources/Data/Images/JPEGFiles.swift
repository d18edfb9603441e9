import Foundation
import Dispatch

/// Decodes many JPEG files into one `N × C × H × W` byte buffer, on every core.
enum JPEGFiles {
    /// Decodes `paths` in order; `prepare` turns each decoded image into exactly `channels × side × side`
    /// bytes (a resize/crop, or a size check that throws `corrupt`). The first error (in path order) is thrown.
    static func decodeAll(_ paths: [String], side: Int, minimumShorterSide: Int? = nil, maximumPixels: Int = JPEG.maximumPixels,
                          prepare: @escaping @Sendable (PlanarImage, String) throws -> PlanarImage) throws -> [UInt8] {
        let imageBytes = 3 * side * side
        var pixels = [UInt8](repeating: 0, count: paths.count * imageBytes)
        let errors = ErrorSlot()
        let chunk = 64
        let chunks = (paths.count + chunk - 1) / chunk
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = SendablePointer(buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for i in (c * chunk)..<min(paths.count, (c + 1) * chunk) {
                    // Once an earlier file failed, nothing after it can change the outcome: stop instead of
                    // decoding the rest of the data set (1.2 million images for ImageNet) to report the first error.
                    if errors.hasError(before: i) { return }
                    do {
                        let image = try prepare(JPEG.decode(file: paths[i], minimumShorterSide: minimumShorterSide,
                                                            maximumPixels: maximumPixels), paths[i])
                        precondition(image.pixels.count == imageBytes, "prepare returned \(image.pixels.count) bytes")
                        image.pixels.withUnsafeBufferPointer { (base.pointer! + i * imageBytes).update(from: $0.baseAddress!, count: imageBytes) }
                    } catch {
                        errors.record(error, at: i)
                        return
                    }
                }
            }
        }
        if let error = errors.first { throw error }
        return pixels
    }

    /// A decoded image must already be `side × side` (Tiny ImageNet's 64×64), else the file is corrupt.
    static func requireSide(_ side: Int) -> @Sendable (PlanarImage, String) throws -> PlanarImage {
        { image, path in
            guard image.height == side, image.width == side else {
                throw DataError.corrupt(path: path, expected: "a \(side)x\(side) image", found: "\(image.width)x\(image.height)")
            }
            return image
        }
    }

    /// The JPEG files directly in `directory` (extensions .jpeg/.jpg in any case), sorted by name as
    /// torchvision's `ImageFolder` lists them.
    static func list(_ directory: URL) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw DataError.unreadable(path: directory.path, reason: "cannot list the folder")
        }
        return names.filter { ["jpeg", "jpg"].contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted().map { directory.appendingPathComponent($0).path }
    }

    private struct SendablePointer: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<UInt8>?
        init(_ p: UnsafeMutablePointer<UInt8>?) { pointer = p }
    }

    /// The error of the lowest index, shared by the decoding threads.
    private final class ErrorSlot: @unchecked Sendable {
        private let lock = NSLock()
        private var index = Int.max
        private(set) var first: Error?
        func hasError(before i: Int) -> Bool {
            lock.lock(); defer { lock.unlock() }
            return index < i
        }
        func record(_ error: Error, at i: Int) {
            lock.lock(); defer { lock.unlock() }
            if i < index { index = i; first = error }
        }
    }
}
