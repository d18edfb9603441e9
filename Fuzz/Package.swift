// swift-tools-version:6.0
import PackageDescription

// Coverage-guided fuzz targets (libFuzzer) for the spec loader and every data reader. A separate package so the
// main `swift build` and `swift test` never see `-sanitize=fuzzer`. Build and run (README, "Development"):
//   swift build --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   mkdir -p Fuzz/.build/corpus/FuzzIDX && Fuzz/.build/debug/FuzzIDX Fuzz/.build/corpus/FuzzIDX Fuzz/Corpus/FuzzIDX -max_total_time=600
let targets = ["FuzzSpec", "FuzzIDX", "FuzzCIFAR", "FuzzSTL10", "FuzzTinyImageNet", "FuzzJPEG"]

let package = Package(
    name: "ReplicateFuzz",
    dependencies: [.package(name: "replicate", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "ReplicateKit", package: "replicate")]),
    ] + targets.map {
        .executableTarget(name: $0, dependencies: ["FuzzSupport", .product(name: "ReplicateKit", package: "replicate")])
    },
    swiftLanguageModes: [.v5]
)
