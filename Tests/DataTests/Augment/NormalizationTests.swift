import Testing
@testable import Data

@Suite struct NormalizationTests {
    @Test func appliesMeanAndStdPerChannel() {
        let n = Normalization(mean: [0.5, 0.25], std: [0.5, 0.25])
        let src: [Float] = [0, 1, 0.25, 0.5]
        var dst = [Float](repeating: 9, count: 4)
        src.withUnsafeBufferPointer { n.apply($0.baseAddress!, channels: 2, plane: 2, into: &dst) }
        #expect(dst == [-1, 1, 0, 1])
    }

    @Test func fashionMNISTConstants() {
        #expect(FashionMNIST.normalization.mean == [0.2860])
        #expect(FashionMNIST.normalization.std == [0.3530])
    }
}
