import Data
import FuzzSupport

/// ImageNet's class folders hold JPEGs of any size: the decoder (full and DCT-downscaled) and both preparations.
/// Images are capped at 2²⁰ pixels here, as libjpeg-turbo's own fuzz targets do, so each input takes milliseconds
/// (the cap itself is the decoder's `maximumPixels`, the same check the readers use at 2²⁷).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: data, count: count))
    for minimum in [nil, 8] as [Int?] {
        guard let image = try? JPEG.decode(bytes, path: "fuzz.JPEG", minimumShorterSide: minimum, maximumPixels: 1 << 20) else { continue }
        for preparation in [ImageFolder.Preparation.train, .eval] {
            _ = ImageResize.shorterSideThenCenterCrop(image, shorterSide: preparation.shorterSide(for: 8), crop: 8)
        }
    }
    return 0
}

@_cdecl("FuzzJPEG_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzJPEG)
}
