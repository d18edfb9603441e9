import Contrastive
import Engine
import Foundation
import Testing

/// `Fixtures/method_reference.json`, written by `scripts/method_reference.py` from independent PyTorch code.
struct MethodReferenceFixture: Decodable, Sendable {
    struct Position: Decodable, Sendable {
        var step: Int
        var stepsPerEpoch: Int
        /// `w_out` the reference used at this step.
        var outer: Double
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var loss: String
        var parameters: [String: Double]
        var value: Double
        var grad_q: [Double]
        /// Nil for the bank losses, which have no key view.
        var grad_k: [Double]?
        var draws: [Int]?
        var position: Position?

        var testDescription: String {
            "\(loss)\(draws == nil ? "" : " (drawn)") with " + parameters.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + (position.map { " at step \($0.step)" } ?? "")
        }
    }

    struct BankUpdate: Decodable, Sendable {
        var momentum: Float
        var bank: [Float]
    }

    var n: Int, d: Int, k: Int, m: Int
    var q: [Float]
    var key: [Float]
    var queue: [Float]
    var bank: [Float]
    var indices: [Int]
    var cases: [Case]
    var bank_updates: [BankUpdate]

    /// The `LossInput` of a case: fresh query (and key) leaves with gradients on, the queue or the bank as negatives.
    func input(for c: Case) -> (LossInput, query: Tensor, key: Tensor?) {
        let query = Tensor(q, shape: [n, d], requiresGrad: true)
        let position = c.position.map { TrainingPosition(step: $0.step, stepsPerEpoch: $0.stepsPerEpoch) }
        if c.grad_k != nil {
            let keyView = Tensor(key, shape: [n, d], requiresGrad: true)
            return (LossInput(views: [query, keyView], negatives: Tensor(queue, shape: [self.k, d]), position: position),
                    query, keyView)
        }
        return (LossInput(views: [query], indices: indices, negatives: Tensor(bank, shape: [m, d]), draws: c.draws,
                          position: position), query, nil)
    }

    static func load() throws -> MethodReferenceFixture {
        guard let url = Bundle.module.url(forResource: "method_reference", withExtension: "json", subdirectory: "Fixtures")
        else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey:
            "Fixtures/method_reference.json missing from the test bundle; run /usr/bin/python3 scripts/method_reference.py"]) }
        return try JSONDecoder().decode(MethodReferenceFixture.self, from: Data(contentsOf: url))
    }

    static let shared: MethodReferenceFixture? = try? load()
}
