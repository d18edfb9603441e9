// swift-tools-version:6.0
import PackageDescription

// Release builds of the numeric modules get -Ounchecked; debug stays -Onone so tests catch bounds errors.
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]

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
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .target(name: "Engine", dependencies: ["COpenBLAS"], swiftSettings: fast),
        .target(name: "NN", dependencies: ["Engine"], swiftSettings: fast),
        .target(name: "Data", dependencies: ["Engine", "CZlib", "CJPEG"], resources: [.copy("Resources/imagenet100.txt")],
                swiftSettings: fast),
        .target(name: "Contrastive", dependencies: ["Engine", "NN", "Data"], swiftSettings: fast),
        .target(name: "Harness", dependencies: ["Engine", "NN", "Data", "Contrastive", "CLibXML2", "Yams",
                                          .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(name: "replicate", dependencies: [
            "Harness", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "EngineTests", dependencies: ["Engine"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NNTests", dependencies: ["NN"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DataTests", dependencies: ["Data"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ContrastiveTests", dependencies: ["Contrastive"], resources: [.copy("Fixtures")]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "Data", "CLibXML2", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v5]
)
