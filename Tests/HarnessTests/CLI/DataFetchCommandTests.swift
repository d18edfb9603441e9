import Foundation
import Testing
@testable import Harness

/// `replicate data fetch` as users run it: errors are exit 2 with one line on standard error.
@Suite(.timeLimit(.minutes(2)))  // a hang guard only
struct DataFetchCommandTests {
    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: replicateBinary)
        p.arguments = arguments
        var env = replicateEnvironment
        env["REPLICATE_DATA_MIRROR"] = nil
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// A loopback port nobody listens on (bound, read, closed).
    func closedPort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len); return getsockname(fd, $0, &len) }
        }
        return UInt16(bigEndian: addr.sin_port)
    }

    @Test func anUnreachableMirrorIsExit2WithOneLineNamingTheURLAndTheMirrorOption() throws {
        let root = try ScratchDir()
        let mirror = "http://127.0.0.1:\(closedPort())/"
        let r = try run(["data", "fetch", "cifar10", "--data-root", root.url.path, "--mirror", mirror, "--quiet"])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("error: cannot download \(mirror)cifar-10-binary.tar.gz: ") == true)
        #expect(r.stderr.contains("--mirror URL"))
    }

    @Test func imageNetWithoutFromSaysItNeedsALogin() throws {
        let root = try ScratchDir()
        let r = try run(["data", "fetch", "imagenet", "--data-root", root.url.path])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("login") && r.stderr.contains("--from DIR"))
    }

    /// `--paper` resolves the paper's data set at the scale; Debian's Fashion-MNIST files are recompressed, so
    /// against the official MD5s they are named as a mismatch (and left where they are).
    @Test func aPapersDataFromAFolderIsCheckedAgainstTheOfficialMD5s() throws {
        let root = try ScratchDir()
        let r = try run(["data", "fetch", "--paper", "align-uniform", "--scale", "smoke", "--root", repositoryRoot.path,
                         "--data-root", root.url.path, "--from", "/usr/share/datasets/fashion-mnist"])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.hasPrefix("error: checksum mismatch for /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz: "
            + "expected md5 8d4fb7e6c68d591d4c3dfef9ec88bf0d, found "))
        #expect(!FileManager.default.fileExists(atPath: root.url.appendingPathComponent("fashion-mnist").path))
    }

    @Test(arguments: [[String](), ["cifar10", "--all"], ["--all", "--paper", "ring"]])
    func exactlyOneOfNamesPaperOrAll(_ extra: [String]) throws {
        let r = try run(["data", "fetch"] + extra)
        #expect(r.status == 2)
        #expect(r.stderr.contains("give data set names, --paper ID or --all"))
    }
}
