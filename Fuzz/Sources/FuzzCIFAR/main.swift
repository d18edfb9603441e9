import Data
import FuzzSupport

/// CIFAR-10 and CIFAR-100 binary records: the decoder with one and two label bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCIFAR(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: data, count: count))
    _ = try? CIFARBinary.decode(bytes, path: "fuzz.bin", labelBytes: 1, labelIndex: 0, classes: 10, expectedRecords: nil)
    _ = try? CIFARBinary.decode(bytes, path: "fuzz.bin", labelBytes: 2, labelIndex: 1, classes: 100, expectedRecords: nil)
    _ = try? CIFARBinary.decode(bytes, path: "fuzz.bin", labelBytes: 1, labelIndex: 0, classes: 10, expectedRecords: 2)
    return 0
}

@_cdecl("FuzzCIFAR_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzCIFAR)
}
