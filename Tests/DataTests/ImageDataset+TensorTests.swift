import Testing
@testable import Data

@Suite struct ImageDatasetTensorTests {
    @Test func normalisesPerChannel() {
        // Two RGB 1x2 images.
        let d = ImageDataset(name: "n", channels: 3, height: 1, width: 2, classes: 2,
                             pixels: [0, 255, 51, 102, 255, 0, /* second */ 10, 20, 30, 40, 50, 60], labels: [0, 1])
        let mean: [Float] = [0.5, 0.2, 0.1], std: [Float] = [0.5, 0.4, 0.2]
        let t = d.normalizedTensor(range: 0..<2, mean: mean, std: std)
        #expect(t.shape == [2, 3, 1, 2])
        for (k, v) in t.array.enumerated() {
            let c = (k / 2) % 3
            let expected = (Float(d.pixels[k]) / 255 - mean[c]) / std[c]
            #expect(abs(v - expected) < 1e-5)
        }
    }

    @Test func rangeSelectsImages() {
        let d = syntheticDataset(count: 5, channels: 1, side: 3)
        let t = d.normalizedTensor(range: 2..<4, normalization: .unit(channels: 1))
        #expect(t.shape == [2, 1, 3, 3])
        #expect(t.array.map { ($0 * 255).rounded() } == d.pixels[18..<36].map(Float.init))
    }
}

@Suite struct ChannelStatisticsTests {
    @Test func meanAndStdPerChannel() {
        // Channel 0 holds 0 and 255 (mean 0.5, std 0.5); channel 1 is constant 51 (mean 0.2, std 0).
        let d = ImageDataset(name: "s", channels: 2, height: 1, width: 2, classes: 1,
                             pixels: [0, 255, 51, 51], labels: [0])
        let n = d.channelStatistics()
        #expect(abs(n.mean[0] - 0.5) < 1e-6 && abs(n.std[0] - 0.5) < 1e-6)
        #expect(abs(n.mean[1] - 0.2) < 1e-6 && n.std[1] < 1e-5)
    }

    @Test func fashionMNISTTrainingStatisticsMatchTheUsualConstants() throws {
        let n = try FashionMNIST.load(.train, root: systemRoot).channelStatistics()
        #expect(abs(n.mean[0] - 0.2860) < 0.0005)
        #expect(abs(n.std[0] - 0.3530) < 0.0005)
    }
}
