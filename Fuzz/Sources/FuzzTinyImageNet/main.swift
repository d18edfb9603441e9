import Data
import Foundation
import FuzzSupport

/// Tiny ImageNet-200 as released, made small: the input is `wnids.txt`, `val/val_annotations.txt` and one JPEG
/// (split at the separator), loaded as a copy with 2 classes and 1 validation image.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTinyImageNet(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let parts = splitParts(UnsafeRawBufferPointer(start: data, count: count), count: 3)
    ScratchFiles.remove("tiny-imagenet-200/val/images")
    ScratchFiles.write(parts[0], to: "tiny-imagenet-200/wnids.txt")
    ScratchFiles.write(parts[1], to: "tiny-imagenet-200/val/val_annotations.txt")
    ScratchFiles.write(parts[2], to: "tiny-imagenet-200/val/images/val_0.JPEG")
    let counts = TinyImageNet.Counts(classes: 2, trainPerClass: 1, val: 1, test: 1)
    _ = try? TinyImageNet.load(.val, root: ScratchFiles.root, counts: counts)
    return 0
}

@_cdecl("FuzzTinyImageNet_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzTinyImageNet)
}
