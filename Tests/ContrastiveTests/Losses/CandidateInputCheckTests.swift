import Contrastive
import Engine
import Testing

// Sources/Contrastive/Losses/CandidateInputCheck.swift: what MoCo, instance discrimination and Ring need besides
// their views is checked before a call (their calls only have preconditions, undefined behaviour in -Ounchecked).

/// Three rows of width 2 per view, a bank of three rows.
private let (x, y) = randomViews(n: 3, d: 2, seed: 5)
private let bank = Tensor([1, 0, 0, 1, 0.6, 0.8], shape: [3, 2])

struct CandidateInput: CustomTestStringConvertible, Sendable {
    var name: String
    var loss: String
    var problem: String?
    var testDescription: String { name }
}

private func input(_ name: String) -> LossInput {
    switch name {
    case "moco, no queue", "ring, no candidates": return LossInput(views: [x, y])
    case "moco, queue of the wrong width": return LossInput(views: [x, y], negatives: Tensor([1, 2, 3], shape: [1, 3]))
    case "moco, queue", "ring, queue": return LossInput(views: [x, y], negatives: bank)
    case "id, two views": return LossInput(views: [x, y], indices: [0, 1, 2], negatives: bank, draws: [0, 1, 2])
    case "id, no indices": return LossInput(views: [x], negatives: bank, draws: [0, 1, 2])
    case "id, index outside the bank": return LossInput(views: [x], indices: [0, 1, 3], negatives: bank, draws: [0, 1, 2])
    case "id, negative index", "ring, bank, negative index":
        return LossInput(views: [x], indices: [-1, 1, 2], negatives: bank, draws: [0, 1, 2])
    case "id, no draws": return LossInput(views: [x], indices: [0, 1, 2], negatives: bank)
    case "id, uneven draws": return LossInput(views: [x], indices: [0, 1, 2], negatives: bank, draws: [0, 1])
    case "id, negative draw", "ring, bank, negative draw":
        return LossInput(views: [x], indices: [0, 1, 2], negatives: bank, draws: [0, -7, 2])
    case "id, complete", "ring, bank, draws": return LossInput(views: [x], indices: [0, 1, 2], negatives: bank, draws: [0, 5, 2, 1, 1, 0])
    case "ring, one view, no indices": return LossInput(views: [x], negatives: bank)
    case "ring, three views": return LossInput(views: [x, y, x], negatives: bank)
    default: preconditionFailure("no input named \(name)")
    }
}

let candidateInputs: [CandidateInput] = [
    .init(name: "moco, no queue", loss: "moco", problem: "needs the queue as 'negatives'"),
    .init(name: "moco, queue of the wrong width", loss: "moco", problem: "needs 'negatives' of shape (K, 2) with K >= 1, got [1, 3]"),
    .init(name: "moco, queue", loss: "moco", problem: nil),
    .init(name: "id, two views", loss: "instance-discrimination", problem: "expects 1 views, got 2"),
    .init(name: "id, no indices", loss: "instance-discrimination", problem: "needs 'indices'"),
    .init(name: "id, index outside the bank", loss: "instance-discrimination", problem: "indices[2] = 3 is not a row of 'negatives' (0..<3)"),
    .init(name: "id, negative index", loss: "instance-discrimination", problem: "indices[0] = -1 is not a row"),
    .init(name: "id, no draws", loss: "instance-discrimination", problem: "needs 'draws'"),
    .init(name: "id, uneven draws", loss: "instance-discrimination", problem: "needs the same number (>= 1) of draws for each of the 3 rows, got 2"),
    .init(name: "id, negative draw", loss: "instance-discrimination", problem: "draw 1 is negative (-7)"),
    .init(name: "id, complete", loss: "instance-discrimination", problem: nil),
    .init(name: "ring, no candidates", loss: "ring", problem: "needs the queue or memory bank as 'negatives'"),
    .init(name: "ring, one view, no indices", loss: "ring", problem: "needs 'indices'"),
    .init(name: "ring, three views", loss: "ring", problem: "expects 1 view and 'indices' (a memory bank) or 2 views (a queue), got 3"),
    .init(name: "ring, bank, negative index", loss: "ring", problem: "indices[0] = -1 is not a row"),
    .init(name: "ring, bank, negative draw", loss: "ring", problem: "draw 1 is negative (-7)"),
    .init(name: "ring, queue", loss: "ring", problem: nil),
    .init(name: "ring, bank, draws", loss: "ring", problem: nil),
]

private func make(_ name: String, _ given: [String: Double] = [:]) throws -> any ContrastiveLoss {
    let entry = try #require(LossRegistry.entry(named: name))
    return try entry.make(entry.resolve(given).get())
}

@Test(arguments: candidateInputs)
func memoryLossInputIsCheckedBeforeTheCall(_ c: CandidateInput) throws {
    let loss = try make(c.loss, c.loss == "ring" ? ["outer": 1] : [:])   // all three candidates in the ball
    let problem = loss.inputProblem(input(c.name))
    if let expected = c.problem {
        #expect(problem?.contains(expected) == true, "\(problem ?? "no problem found")")
    } else {
        #expect(problem == nil)
        // What passes the check runs: a finite loss.
        #expect(loss(input(c.name), tape: Tape.inference()).item.isFinite)
    }
}

/// Annealing reads the training position; outside training (`replicate loss`) that is a problem, not a trap.
@Test func ringAnnealingWithoutAPositionIsAProblem() throws {
    let ring = try make("ring", ["linear_anneal": 1])
    #expect(ring.inputProblem(input("ring, queue"))?.contains("needs the training position") == true)
    var during = input("ring, queue")
    during.position = TrainingPosition(step: 3, stepsPerEpoch: 10)
    #expect(ring.inputProblem(during) == nil)
}

/// Draws pick from the ring; an empty ring has nothing to draw from.
@Test func ringDrawsFromAnEmptyRingAreAProblem() throws {
    let ring = try make("ring", ["outer": 0.1])   // ⌊0.1 · 3⌋ = 0 candidates in the outer ball
    #expect(ring.inputProblem(input("ring, bank, draws"))?.contains("draws from an empty ring") == true)
    #expect(ring.inputProblem(input("ring, queue")) == nil)   // without draws an empty ring is a valid (positive-only) loss
}
