import Foundation
import Testing
@testable import Data

@Suite struct ImageFolderTests {
    let source = DataSource(name: "Folders", layout: "folders/<class>/*.JPEG", archive: "https://example.invalid/folders.tar")

    @Test func classesAndFilesInSortedOrderResizedAndCentreCropped() throws {
        let dir = try TempDir()
        // Uniform colours survive JPEG, resize and crop: the label order and the stored size are what is checked.
        func solid(_ v: UInt8, h: Int, w: Int) -> PlanarImage {
            PlanarImage(channels: 3, height: h, width: w, pixels: [UInt8](repeating: v, count: 3 * h * w))
        }
        try dir.write("folders/n02/b.jpg", JPEG.encode(solid(200, h: 30, w: 45)))
        try dir.write("folders/n02/a.JPEG", JPEG.encode(solid(100, h: 45, w: 30)))
        try dir.write("folders/n01/x.jpeg", JPEG.encode(solid(50, h: 20, w: 20)))
        try dir.write("folders/n01/notes.txt", Array("not an image".utf8))
        let set = try ImageFolder.load(directory: dir.url.appendingPathComponent("folders"), classes: nil, side: 16,
                                       preparation: .eval, name: "folders/val", source: source)
        #expect(set.count == 3 && set.height == 16 && set.width == 16 && set.classes == 2)
        #expect(set.labels == [0, 1, 1])
        let means = (0..<3).map { i in set.pixels[i * set.imageSize..<(i + 1) * set.imageSize].map(Int.init).reduce(0, +) / set.imageSize }
        #expect(abs(means[0] - 50) <= 2 && abs(means[1] - 100) <= 2 && abs(means[2] - 200) <= 2)
    }

    @Test func listedClassesMustAllBeThereAndOthersAreIgnored() throws {
        let dir = try TempDir()
        try dir.write("f/n01/a.JPEG", JPEG.encode(gradientImage(height: 20, width: 24)))
        try dir.write("f/n09/a.JPEG", JPEG.encode(gradientImage(height: 20, width: 24)))
        let only = try ImageFolder.load(directory: dir.url.appendingPathComponent("f"), classes: ["n01"], side: 8,
                                        preparation: .train, name: "f", source: source)
        #expect(only.count == 1 && only.classes == 1)
        let missing = #expect(throws: DataError.self) {
            try ImageFolder.load(directory: dir.url.appendingPathComponent("f"), classes: ["n01", "n05"], side: 8,
                                 preparation: .train, name: "f", source: source)
        }
        #expect(missing?.description.contains(dir.path("f/n05")) == true)
        #expect(missing?.description.contains("https://example.invalid/folders.tar") == true)
    }

    @Test(arguments: [(ImageFolder.Preparation.train, 64, 64), (.eval, 64, 73), (.eval, 224, 256), (.eval, 96, 110)])
    func preparationShorterSide(preparation: ImageFolder.Preparation, side: Int, shorter: Int) {
        #expect(preparation.shorterSide(for: side) == shorter)
    }
}
