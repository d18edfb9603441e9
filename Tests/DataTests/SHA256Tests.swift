import Foundation
import Testing
@testable import Data

@Suite struct SHA256Tests {
    /// FIPS 180-4 / NIST example vectors.
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ]

    @Test(arguments: vectors)
    func knownVectors(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    @Test func millionAsInUnevenChunksAndFromAFile() throws {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        var s = SHA256()
        var left = 1_000_000, step = 1
        while left > 0 { let n = min(step, left); s.update([UInt8](repeating: 0x61, count: n)); left -= n; step = step * 3 + 1 }
        #expect(s.finalize() == expected)
        let dir = try TempDir()
        let path = try dir.write("a.txt", [UInt8](repeating: 0x61, count: 1_000_000))
        #expect(try SHA256.hex(file: path) == expected)
    }
}
