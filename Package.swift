// swift-tools-version:6.0
import PackageDescription

// No module builds with -Ounchecked: measured with `replicate bench` (W1 and data, interleaved), neither the engine
// nor the other modules gained beyond the noise, and without it every precondition traps instead of being
// undefined behaviour (the readers parse files; the losses take `replicate loss` input).

let package = Package(
    name: "replicate",
    products: [
        .executable(name: "replicate", targets: ["replicate"]),
        // For Fuzz/, the coverage-guided fuzz targets (a separate package, so `-sanitize=fuzzer` stays out of here).
        .library(name: "ReplicateKit", targets: ["Data", "Harness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // Insecure.MD5 and SHA256 for dataset checksums (BoringSSL's assembly). Build cost measured alone: a first debug
        // build 76 CPU-seconds (3.8 min wall on 2 cores at load 12), release 6.5 min wall at load 16.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        // Debian's libdnnl-dev ships no pkg-config file; the header and libdnnl.so are on the default paths.
        .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
        .target(name: "Engine", dependencies: ["COpenBLAS", "CDNNL"]),
        .target(name: "NN", dependencies: ["Engine"]),
        .target(name: "Data", dependencies: ["Engine", "CZlib", "CJPEG", "CArchive",
                                            .product(name: "Crypto", package: "swift-crypto")], resources: [.copy("Resources/imagenet100.txt")]),
        .target(name: "Contrastive", dependencies: ["Engine", "NN", "Data"]),
        .target(name: "Harness", dependencies: ["Engine", "NN", "Data", "Contrastive", "CLibXML2", "Yams",
                                          .product(name: "GRDB", package: "GRDB.swift")],
                resources: [.embedInCode("Resources/junit.xsd")]),
        .executableTarget(name: "replicate", dependencies: [
            "Harness", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "EngineTests", dependencies: ["Engine"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NNTests", dependencies: ["NN"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DataTests", dependencies: ["Data", "CArchive"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ContrastiveTests", dependencies: ["Contrastive"], resources: [.copy("Fixtures")]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "Data", "CLibXML2", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v5]
)
