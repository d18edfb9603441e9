import Foundation

/// A private folder for the fuzz input: the readers under test take paths, so each input is written to files
/// first. One folder per process, reused across inputs (libFuzzer runs inputs one after another).
public enum ScratchFiles {
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("replicate-fuzz-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes `bytes` to `relative` under the root (creating folders) and returns its path.
    @discardableResult
    public static func write(_ bytes: some Collection<UInt8>, to relative: String) -> String {
        let url = root.appendingPathComponent(relative)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url.path
    }

    /// Removes `relative` under the root, if present.
    public static func remove(_ relative: String) {
        try? FileManager.default.removeItem(at: root.appendingPathComponent(relative))
    }
}

/// Splits one fuzz input into parts at separator bytes `0x00 0xFF 0x00` (seed files use it between the files of a
/// data set, so the fuzzer can change each file on its own).
public func splitParts(_ bytes: UnsafeRawBufferPointer, count parts: Int) -> [[UInt8]] {
    let all = [UInt8](bytes)
    var out: [[UInt8]] = []
    var start = 0, i = 0
    while i + 2 < all.count, out.count < parts - 1 {
        if all[i] == 0x00, all[i + 1] == 0xFF, all[i + 2] == 0x00 {
            out.append(Array(all[start..<i])); i += 3; start = i
        } else { i += 1 }
    }
    out.append(Array(all[start...]))
    while out.count < parts { out.append([]) }
    return out
}

/// libFuzzer's driver: parses the command line (corpus folders, `-max_total_time=…`) and calls `test` per input.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                                 _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                                 _ test: @convention(c) (UnsafeRawPointer, Int) -> CInt) -> CInt

/// The body of each target's entry point. SwiftPM links an executable target's `main` to `<Target>_main`, so
/// libFuzzer's own `main` never runs; each target names that symbol and starts the driver from it.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                      _ test: @convention(c) (UnsafeRawPointer, Int) -> CInt) -> CInt {
    var count = argc, vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, test)
}
