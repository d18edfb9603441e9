import Engine
import Foundation
import Testing

/// `Fixtures/loss_reference.json`, written by `scripts/loss_reference.py` from independent PyTorch code.
struct LossReferenceFixture: Decodable, Sendable {
    struct Input: Decodable, Sendable {
        var name: String
        var n: Int
        var d: Int
        /// `V` views, each `n * d` values row-major.
        var views: [[Float]]

        var x: [Float] { views[0] }
        var y: [Float] { views[1] }

        /// Fresh leaf tensors holding the views, gradients on.
        func tensors() -> [Tensor] { views.map { Tensor($0, shape: [n, d], requiresGrad: true) } }
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var loss: String
        var input: String
        var parameters: [String: Double]
        var value: Double
        /// The gradient with respect to each view.
        var grads: [[Double]]

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
