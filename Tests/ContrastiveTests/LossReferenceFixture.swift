import Engine
import Foundation
import Testing

/// `Fixtures/loss_reference.json`, written by `scripts/loss_reference.py` from independent PyTorch code.
struct LossReferenceFixture: Decodable, Sendable {
    struct Input: Decodable, Sendable {
        var name: String
        var n: Int
        var d: Int
        var x: [Float]
        var y: [Float]

        /// Fresh leaf tensors holding the views, gradients on.
        func views() -> (Tensor, Tensor) {
            (Tensor(x, shape: [n, d], requiresGrad: true), Tensor(y, shape: [n, d], requiresGrad: true))
        }
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var loss: String
        var input: String
        var parameters: [String: Double]
        var value: Double
        var grad_x: [Double]
        var grad_y: [Double]

        var testDescription: String {
            "\(loss) on \(input) with " + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: ", ")
        }
    }

    struct Metric: Decodable, Sendable, CustomTestStringConvertible {
        var metric: String
        var input: String
        var alpha: Float?
        var t: Float?
        var value: Double

        var testDescription: String { "\(metric) on \(input) (α=\(alpha.map { "\($0)" } ?? "-"), t=\(t.map { "\($0)" } ?? "-"))" }
    }

    var inputs: [Input]
    var cases: [Case]
    var metrics: [Metric]

    func input(named name: String) -> Input? { inputs.first { $0.name == name } }

    static func load() throws -> LossReferenceFixture {
        guard let url = Bundle.module.url(forResource: "loss_reference", withExtension: "json", subdirectory: "Fixtures")
        else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey:
            "Fixtures/loss_reference.json missing from the test bundle; run /usr/bin/python3 scripts/loss_reference.py"]) }
        return try JSONDecoder().decode(LossReferenceFixture.self, from: Data(contentsOf: url))
    }

    /// The fixture, or nil when it cannot be read (`LossReferenceTests.fixtureLoads` then fails with the reason).
    static let shared: LossReferenceFixture? = try? load()
}
