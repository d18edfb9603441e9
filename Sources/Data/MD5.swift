import Foundation

/// MD5 (RFC 1321), streaming. Only to compare data files with the MD5s their publishers list (torchvision's
/// Fashion-MNIST and STL-10 file checksums); not for anything security-related. Hand-written like `SHA256`
/// because swift-crypto would be a heavy dependency for one 60-line digest.
public struct MD5 {
    private var s: (UInt32, UInt32, UInt32, UInt32) = (0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476)
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    private static let shifts: [UInt32] = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                           5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
                                           4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                           6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21]
    /// `floor(|sin(i + 1)| · 2^32)`, the RFC's table T.
    private static let table: [UInt32] = (0..<64).map { UInt32(truncatingIfNeeded: Int64(abs(sin(Double($0 + 1))) * 4_294_967_296)) }

    public init() {}

    /// Hex digest of `bytes`.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var m = MD5(); m.update(Array(bytes)); return m.finalize()
    }

    /// Hex digest of the file at `path`, read in 4 MiB chunks.
    public static func hex(file path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DataError.unreadable(path: path, reason: "cannot open for reading")
        }
        defer { try? handle.close() }
        var m = MD5()
        while let chunk = try handle.read(upToCount: 1 << 22), !chunk.isEmpty { m.update([UInt8](chunk)) }
        return m.finalize()
    }

    public mutating func update(_ bytes: [UInt8]) {
        length &+= UInt64(bytes.count)
        var start = 0
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, bytes.count)
            buffer += bytes[0..<take]
            start = take
            if buffer.count == 64 { buffer.withUnsafeBufferPointer { compress($0.baseAddress!) }; buffer = [] }
        }
        bytes.withUnsafeBufferPointer { p in
            while start + 64 <= bytes.count { compress(p.baseAddress! + start); start += 64 }
        }
        if start < bytes.count { buffer += bytes[start...] }
    }

    public mutating func finalize() -> String {
        let bits = length &* 8
        var tail: [UInt8] = [0x80]
        tail += [UInt8](repeating: 0, count: (55 - Int(length % 64) + 64) % 64)
        tail += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64($0))) }  // little-endian length
        update(tail)
        return [s.0, s.1, s.2, s.3].map { w in
            (0..<4).map { String(format: "%02x", (w >> (8 * UInt32($0))) & 0xff) }.joined()
        }.joined()
    }

    private mutating func compress(_ block: UnsafePointer<UInt8>) {
        var m = [UInt32](repeating: 0, count: 16)
        for i in 0..<16 {
            m[i] = UInt32(block[4 * i]) | UInt32(block[4 * i + 1]) << 8 | UInt32(block[4 * i + 2]) << 16 | UInt32(block[4 * i + 3]) << 24
        }
        var (a, b, c, d) = s
        for i in 0..<64 {
            var f: UInt32, g: Int
            switch i {
            case 0..<16: f = (b & c) | (~b & d); g = i
            case 16..<32: f = (d & b) | (~d & c); g = (5 * i + 1) % 16
            case 32..<48: f = b ^ c ^ d; g = (3 * i + 5) % 16
            default: f = c ^ (b | ~d); g = (7 * i) % 16
            }
            f = f &+ a &+ MD5.table[i] &+ m[g]
            a = d; d = c; c = b
            let r = MD5.shifts[i]
            b = b &+ ((f << r) | (f >> (32 - r)))
        }
        s = (s.0 &+ a, s.1 &+ b, s.2 &+ c, s.3 &+ d)
    }
}
