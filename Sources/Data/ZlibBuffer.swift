import CZlib
import Foundation

/// zlib streams held in memory (RFC 1950: a two-byte header, deflate data, an Adler-32), as MAT-files embed them
/// in `miCOMPRESSED` elements. zlib's one-shot `uncompress`/`compress2` suffice: the streams are small (the
/// ILSVRC-2012 devkit's meta.mat is a few hundred kB).
enum ZlibBuffer {
    /// Why a stream did not inflate: zlib's own words.
    struct Failure: Error, Sendable { var reason: String }

    /// The inflated bytes of the zlib stream `bytes`, at most `limit` of them (a guard against a stream that
    /// inflates without end).
    static func inflate(_ bytes: ArraySlice<UInt8>, limit: Int = 1 << 30) throws -> [UInt8] {
        var capacity = max(1 << 12, bytes.count * 4)
        while true {
            var out = [UInt8](repeating: 0, count: capacity)
            var length = uLongf(capacity)
            let status = bytes.withUnsafeBufferPointer { input in
                out.withUnsafeMutableBufferPointer { uncompress($0.baseAddress, &length, input.baseAddress, uLong(input.count)) }
            }
            switch status {
            case Z_OK: return Array(out.prefix(Int(length)))
            // Too little room (zlib reports a truncated stream as Z_DATA_ERROR once room is left over).
            case Z_BUF_ERROR where capacity < limit: capacity = min(limit, capacity * 4)
            case Z_BUF_ERROR: throw Failure(reason: "the zlib stream inflates to more than \(limit) bytes")
            case Z_DATA_ERROR: throw Failure(reason: "the zlib stream is corrupt or cut short")
            default: throw Failure(reason: "zlib error \(status)")
            }
        }
    }

    /// `bytes` as a zlib stream (tests build compressed MAT-files with it).
    static func deflate(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { compress2($0.baseAddress, &length, input.baseAddress, uLong(input.count), level) }
        }
        precondition(status == Z_OK, "compress2 cannot fail with compressBound's room")
        return Array(out.prefix(Int(length)))
    }
}
