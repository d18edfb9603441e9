import Testing
import Engine
@testable import Data

@Suite struct RandomGrayscaleTests {
    @Test func probabilityOneAlwaysGreys() throws {
        let g = try RandomGrayscale(probability: 1)
        var rng = RNG(seed: 1)
        let out = adjusted([[0, 1, 0]]) { g.randomApply($0, rng: &rng) }
        #expect(close(out, [[0.587, 0.587, 0.587]]))
    }

    @Test func probabilityIsRespected() throws {
        let g = try RandomGrayscale(probability: 0.2)
        var rng = RNG(seed: 2)
        var greyed = 0
        for _ in 0..<2000 where adjusted([[1, 0, 0]], { g.randomApply($0, rng: &rng) })[0][1] > 0 { greyed += 1 }
        #expect(greyed > 320 && greyed < 480)  // 400 ± 4 sd
    }

    @Test func rejectsBadProbability() {
        #expect(throws: DataError.self) { try RandomGrayscale(probability: -0.1) }
    }
}
