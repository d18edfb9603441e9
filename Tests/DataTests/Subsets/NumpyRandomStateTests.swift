import Testing
@testable import Data

/// Known answers produced with numpy 2.4.6: `np.random.RandomState(seed)` and its legacy `shuffle`.
@Suite struct NumpyRandomStateTests {
    @Test func rawOutputsMatchMT19937() {
        // 5489 is MT19937's reference seed: 3499211612 is the published first output.
        var a = NumpyRandomState(seed: 5489)
        #expect([a.nextUInt32(), a.nextUInt32(), a.nextUInt32()] == [3_499_211_612, 581_869_302, 3_890_346_734])
        var b = NumpyRandomState(seed: 2021)
        #expect([b.nextUInt32(), b.nextUInt32(), b.nextUInt32()] == [2_602_656_884, 3_431_165_269, 3_149_797_433])
    }

    static let shuffles: [(Int, [Int], [Int])] = [
        (5000, [1249, 1470, 2888, 4458, 4309, 1809, 4622, 3460], [1152, 3413, 1140]),
        (500, [242, 219, 89, 285, 298, 46, 325, 284], [57, 341, 116]),
        (10, [6, 7, 2, 3, 9, 8, 0, 1], [1, 5, 4]),
    ]

    @Test(arguments: shuffles)
    func shuffleMatchesNumpy(n: Int, head: [Int], tail: [Int]) {
        var rs = NumpyRandomState(seed: 2021)
        var a = Array(0..<n)
        rs.shuffle(&a)
        #expect(Array(a.prefix(8)) == head)
        #expect(Array(a.suffix(3)) == tail)
        #expect(a.sorted() == Array(0..<n))
    }
}
