import Foundation
import Testing
@testable import Data

@Suite struct ChecksumTests {
    /// RFC 1321 appendix A.5 (MD5) and FIPS 180-4 / NIST examples (SHA-256).
    @Test(arguments: [
        (Checksum.md5, "", "d41d8cd98f00b204e9800998ecf8427e"),
        (.md5, "a", "0cc175b9c0f1b6a831c399e269772661"),
        (.md5, "abc", "900150983cd24fb0d6963f7d28e17f72"),
        (.md5, "message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        (.md5, "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        (.md5, "12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
        (.sha256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (.sha256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (.sha256, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func publishedVectors(kind: Checksum, message: String, digest: String) {
        #expect(kind.hex(Array(message.utf8)) == digest)
    }

    /// A million 'a's (the NIST long vector) fed in uneven pieces, and read back from a file in 4 MiB chunks.
    @Test(arguments: [(Checksum.sha256, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
                      (.md5, "7707d6ae4e027c70eea2a935c2296f21")])
    func streamingInPiecesEqualsTheFileDigest(kind: Checksum, digest: String) throws {
        var h = Checksum.Hasher(kind)
        var left = 1_000_000, step = 1
        while left > 0 { let n = min(step, left); h.update([UInt8](repeating: 0x61, count: n)); left -= n; step = step * 3 + 1 }
        #expect(h.finalize() == digest)
        let dir = try TempDir()
        let path = try dir.write("a.txt", [UInt8](repeating: 0x61, count: 1_000_000))
        #expect(try kind.hex(file: path) == digest)
    }

    @Test func anUnreadableFileIsNamed() {
        #expect(throws: DataError.unreadable(path: "/nonexistent/x", reason: "cannot open for reading")) {
            try Checksum.md5.hex(file: "/nonexistent/x")
        }
    }
}
