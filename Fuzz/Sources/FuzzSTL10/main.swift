import Data
import FuzzSupport

/// STL-10's `_X.bin` and `_y.bin`: the input is both files (split at the separator), read with and without a count.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSTL10(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let parts = splitParts(UnsafeRawBufferPointer(start: data, count: count), count: 2)
    let images = ScratchFiles.write(parts[0], to: "stl10_binary/train_X.bin")
    let labels = ScratchFiles.write(parts[1], to: "stl10_binary/train_y.bin")
    _ = try? STL10.read(images: images, labels: labels, expectedCount: nil, name: "fuzz")
    _ = try? STL10.read(images: images, labels: nil, expectedCount: 1, name: "fuzz")
    return 0
}

@_cdecl("FuzzSTL10_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzSTL10)
}
