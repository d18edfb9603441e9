import Testing
@testable import Engine

@Test("vector sums match a Double reference at every length and tail", arguments: [0, 1, 15, 16, 17, 4096, 4111, 10_000])
func vectorSums(n: Int) {
    let x = randomTensor([max(n, 1)], seed: UInt64(n) + 1, scale: 3), dy = randomTensor([max(n, 1)], seed: 77)
    let mask = randomTensor([max(n, 1)], seed: 78)
    let xs = (0..<n).map { Double(x.data[$0]) }
    let sum = xs.reduce(0, +)
    #expect(abs(VectorMath.sum(x.data, n) - sum) < 1e-3)
    let mu: Float = 0.25
    let ssd = xs.map { ($0 - Double(mu)) * ($0 - Double(mu)) }.reduce(0, +)
    let (s1, s2) = VectorMath.shiftedMoments(x.data, n, mu)
    #expect(abs(s1 - (sum - Double(n) * Double(mu))) < 1e-3)
    #expect(abs(s2 - ssd) < 1e-5 * max(1, ssd))
    for masked in [false, true] {
        var g = 0.0, gx = 0.0
        for i in 0..<n where !masked || mask.data[i] > 0 {
            g += Double(dy.data[i]); gx += Double(dy.data[i]) * (xs[i] - Double(mu))
        }
        let (a, b) = VectorMath.gradientSums(x: x.data, dy: dy.data, mask: masked ? UnsafePointer(mask.data) : nil, n, mu)
        #expect(abs(a - g) < 1e-3 && abs(b - gx) < 1e-3 * max(1, abs(gx)))
    }
}
