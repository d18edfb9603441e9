import Contrastive
import Engine
import Testing

struct MemoryBankTests {
    @Test("rows start as unit vectors, uniform before normalisation, from the seed")
    func initialisation() {
        let b = MemoryBank(count: 50, dim: 6, momentum: 0, seed: 2)
        #expect(b.rows.array == MemoryBank(count: 50, dim: 6, momentum: 0, seed: 2).rows.array)
        for r in 0..<50 {
            #expect(abs((0..<6).map { b.rows.data[r * 6 + $0] * b.rows.data[r * 6 + $0] }.reduce(0, +) - 1) < 1e-5)
        }
    }

    @Test("m = 0 replaces the rows of the batch by its unit queries and leaves every other row alone")
    func replace() {
        let b = MemoryBank(count: 10, dim: 3, momentum: 0, seed: 2)
        let before = b.rows.array
        let q = Tape.inference().l2Normalize(Tensor([1, 2, 2, 0, 0, 5], shape: [2, 3]))
        b.update(indices: [7, 2], values: q)
        for r in 0..<10 {
            let row = Array(b.rows.array[r * 3..<r * 3 + 3])
            switch r {
            case 7: #expect(zip(row, [1 / 3, 2 / 3, 2 / 3]).allSatisfy { abs($0 - $1) < 1e-6 })
            case 2: #expect(row == [0, 0, 1])
            default: #expect(row == Array(before[r * 3..<r * 3 + 3]))
            }
        }
    }
}
