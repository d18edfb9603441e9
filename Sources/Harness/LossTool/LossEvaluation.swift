import Contrastive
import Engine
import Foundation

/// What `replicate loss` prints: a registered loss evaluated on given embeddings, with its gradient.
public struct LossEvaluation: Encodable, Equatable, Sendable {
    public var loss: String
    /// Every parameter, defaults filled in.
    public var parameters: [String: Double]
    public var value: Float
    /// `∂ value / ∂ views`, the same shape as the input's views `(V, N, D)`.
    public var gradient: [[[Float]]]

    /// Evaluates loss `name` with `--param key=value` settings on the embeddings file at `inputPath`; the name and
    /// settings are checked before the file is read.
    public static func evaluate(name: String, parameters settings: [String], inputPath: String) throws -> LossEvaluation {
        let entry = try entry(named: name)
        let resolved = try resolve(entry, try parse(settings))
        return try evaluate(entry, resolved, embeddings: try EmbeddingsFile.load(path: inputPath), path: inputPath)
    }

    /// Evaluates loss `name` with `--param key=value` settings on `embeddings` read from `path`.
    public static func evaluate(name: String, parameters settings: [String], embeddings: EmbeddingsFile,
                                path: String) throws -> LossEvaluation {
        let entry = try entry(named: name)
        return try evaluate(entry, try resolve(entry, try parse(settings)), embeddings: embeddings, path: path)
    }

    private static func evaluate(_ entry: LossEntry, _ resolved: [String: Double], embeddings: EmbeddingsFile,
                                 path: String) throws -> LossEvaluation {
        let name = entry.name
        let loss = entry.make(resolved)
        let input = try embeddings.lossInput(path: path)
        if let problem = loss.inputProblem(input) {
            throw LossToolError("--input \(path): loss '\(name)' \(problem)")
        }
        for view in input.views { view.requiresGrad = true }
        let tape = Tape(training: true)
        let value = loss(input, tape: tape)
        tape.backward(from: value)
        let gradient = input.views.map { view in
            let g = view.gradArray, d = view.shape[1]
            return (0..<view.shape[0]).map { Array(g[$0 * d..<($0 + 1) * d]) }
        }
        return LossEvaluation(loss: name, parameters: resolved, value: value.item, gradient: gradient)
    }

    /// Compact JSON with sorted keys, one line.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The registry entry, or an error with a suggestion.
    static func entry(named name: String) throws -> LossEntry {
        if let entry = LossRegistry.entry(named: name) { return entry }
        throw LossToolError("unknown loss '\(name)'" + EditDistance.hint(for: name, among: LossRegistry.names)
                            + "; known: " + LossRegistry.names.joined(separator: ", ") + " (replicate loss --list)")
    }

    /// `["key=value", …]` → numbers; each key once.
    static func parse(_ settings: [String]) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw LossToolError("--param '\(setting)': expected key=value, e.g. --param temperature=0.5")
            }
            let key = parts[0].trimmingCharacters(in: .whitespaces), text = parts[1].trimmingCharacters(in: .whitespaces)
            guard let value = Double(text), value.isFinite else {
                throw LossToolError("--param '\(setting)': '\(text)' is not a number")
            }
            guard out[key] == nil else { throw LossToolError("--param '\(key)' is given twice") }
            out[key] = value
        }
        return out
    }

    static func resolve(_ entry: LossEntry, _ given: [String: Double]) throws -> [String: Double] {
        switch entry.resolve(given) {
        case .success(let resolved): return resolved
        case .failure(.unknown(let key, let known)):
            throw LossToolError("--param '\(key)': loss '\(entry.name)' has no such parameter"
                                + EditDistance.hint(for: key, among: known) + "; it takes: " + known.joined(separator: ", "))
        case .failure(.outOfRange(let key, let value, let range)):
            throw LossToolError("--param '\(key)': must be in [\(SpecReader.format(range.lowerBound)), "
                                + "\(SpecReader.format(range.upperBound))], found \(SpecReader.format(value))")
        case .failure(.notInteger(let key, let value)):
            throw LossToolError("--param '\(key)': must be a whole number, found \(SpecReader.format(value))")
        }
    }
}
