import Data
import Foundation
import FuzzSupport

/// Fashion-MNIST's IDX files: the parser on the raw bytes (both magics), and the gzip reader on the bytes as a file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: data, count: count))
    for magic in [IDXFile.imageMagic, IDXFile.labelMagic] {
        _ = try? IDXFile(bytes: bytes, path: "fuzz.idx", expectedMagic: magic)
    }
    let path = ScratchFiles.write(bytes, to: "fuzz.idx.gz")
    if let inflated = try? GzipFile.read(path: path, limit: 1 << 24) {
        _ = try? IDXFile(bytes: inflated, path: path, expectedMagic: IDXFile.imageMagic)
    }
    return 0
}

@_cdecl("FuzzIDX_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzIDX)
}
