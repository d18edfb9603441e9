import Contrastive
import Engine
import Testing

struct NegativeQueueTests {
    @Test("starts with unit random rows, a pure function of the seed")
    func initialisation() {
        let a = NegativeQueue(size: 16, dim: 5, seed: 3), b = NegativeQueue(size: 16, dim: 5, seed: 3)
        #expect(a.keys.array == b.keys.array && a.keys.array != NegativeQueue(size: 16, dim: 5, seed: 4).keys.array)
        for r in 0..<16 {
            let norm = (0..<5).map { a.keys.data[r * 5 + $0] * a.keys.data[r * 5 + $0] }.reduce(0, +)
            #expect(abs(norm - 1) < 1e-5)
        }
    }

    @Test("first in, first out: each batch overwrites the oldest rows, wrapping around", arguments: [(8, 3), (8, 4), (5, 7)])
    func fifo(size: Int, batch: Int) {
        let q = NegativeQueue(size: size, dim: 2, seed: 1)
        var expected = q.keys.array
        var pointer = 0
        for step in 0..<5 {
            let rows = (0..<batch * 2).map { Float(step * 100 + $0) }
            q.enqueue(Tensor(rows, shape: [batch, 2]))
            for r in 0..<batch { let slot = (pointer + r) % size; expected[slot * 2] = rows[r * 2]; expected[slot * 2 + 1] = rows[r * 2 + 1] }
            pointer = (pointer + batch) % size
            #expect(q.keys.array == expected && q.pointer == pointer)
        }
    }

    @Test("state round-trips; a state of the wrong size is rejected")
    func state() throws {
        let q = NegativeQueue(size: 6, dim: 3, seed: 1)
        q.enqueue(Tensor(Array(repeating: 0.5, count: 6), shape: [2, 3]))
        let r = NegativeQueue(size: 6, dim: 3, seed: 9)
        try r.restore(q.state)
        #expect(r.keys.array == q.keys.array && r.pointer == 2)
        #expect(throws: MethodStateError.self) { try r.restore(["queue": [1, 2], "queue.pointer": [0]]) }
    }
}
