import Contrastive
import Engine
import Testing

struct RingSelectionTests {
    /// The ring by the definition: a full sort of every row (descending score, then ascending column).
    func definition(_ s: [Float], rows: Int, m: Int, outer: Double, inner: Double) -> [Int] {
        let o = Int(outer * Double(m)), i = Int(inner * Double(o))
        return (0..<rows).flatMap { r -> [Int] in
            let sorted = (0..<m).sorted { a, b in s[r * m + a] > s[r * m + b] || (s[r * m + a] == s[r * m + b] && a < b) }
            return Array(sorted[i..<o])
        }
    }

    @Test("ranks [⌊w_in·outer⌋, ⌊w_out·M⌋) of each row, in rank order",
          arguments: [(3, 50, 0.1, 0.1), (2, 1000, 0.3, 0.25), (4, 17, 1.0, 0.0), (5, 64, 0.5, 0.5), (1, 3, 0.4, 0.0)])
    func matchesFullSort(rows: Int, m: Int, outer: Double, inner: Double) {
        var rng = RNG(seed: UInt64(m))
        let s = (0..<rows * m).map { _ in rng.normal() }
        let got = Ring.ringColumns(Tensor(s, shape: [rows, m]), outer: outer, inner: inner, workers: Workers(2))
        #expect(got.columns == definition(s, rows: rows, m: m, outer: outer, inner: inner))
        #expect(got.perRow == Int(outer * Double(m)) - Int(inner * Double(Int(outer * Double(m)))))
    }

    @Test("ties and sorted rows: the lower column ranks first, selection stays exact")
    func tiesAndSortedRows() {
        let m = 200
        let ties = (0..<m).map { Float($0 % 7) }, ascending = (0..<m).map(Float.init), descending = ascending.reversed()
        let s = ties + ascending + descending
        #expect(Ring.ringColumns(Tensor(s, shape: [3, m]), outer: 0.4, inner: 0.3, workers: .one).columns
                == definition(s, rows: 3, m: m, outer: 0.4, inner: 0.3))
    }

    @Test("an outer ball smaller than one candidate leaves an empty ring")
    func emptyRing() {
        #expect(Ring.ringColumns(Tensor(zeros: [2, 5]), outer: 0.1, inner: 0, workers: .one).perRow == 0)
    }
}
