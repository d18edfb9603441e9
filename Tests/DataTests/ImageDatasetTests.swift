import Testing
@testable import Data

@Suite struct ImageDatasetTests {
    @Test func subsetCopiesImagesAndLabelsInOrder() {
        let d = syntheticDataset(count: 20, channels: 3, side: 4)
        let s = d.subset([7, 2, 7])
        #expect(s.count == 3 && s.channels == 3 && s.height == 4)
        #expect(s.labels == [d.labels[7], d.labels[2], d.labels[7]])
        let size = d.imageSize
        #expect(Array(s.pixels[0..<size]) == Array(d.pixels[7 * size..<8 * size]))
        #expect(Array(s.pixels[size..<2 * size]) == Array(d.pixels[2 * size..<3 * size]))
        #expect(Array(s.pixels[2 * size..<3 * size]) == Array(d.pixels[7 * size..<8 * size]))
    }

    @Test func histogramCountsLabelledImagesOnly() {
        let d = ImageDataset(name: "h", channels: 1, height: 1, width: 1, classes: 3,
                             pixels: [1, 2, 3, 4, 5, 6], labels: [0, 2, 2, -1, 1, 2])
        #expect(d.classHistogram == [1, 1, 3])
        #expect(d.indicesByClass == [[0], [4], [1, 2, 5]])
    }

    @Test func concatenationKeepsBothInOrder() {
        let a = syntheticDataset(count: 3, channels: 1, side: 2, seed: 1)
        let b = syntheticDataset(count: 2, channels: 1, side: 2, seed: 2)
        let c = a.concatenated(with: b)
        #expect(c.count == 5)
        #expect(c.pixels == a.pixels + b.pixels)
        #expect(c.labels == a.labels + b.labels)
    }
}
