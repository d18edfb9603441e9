import Contrastive
import Engine
import Foundation

/// The input of `replicate loss`: embeddings as JSON (README.md, "Evaluating a loss").
///
/// ```json
/// {"views": [[[0.1, 0.2], [0.3, 0.4]], [[0.1, 0.3], [0.2, 0.5]]],   // V views, each N rows of D numbers
///  "negatives": [[0.5, 0.1]],                                          // optional (K, D): a queue or memory bank
///  "indices": [0, 1],                                                 // optional: dataset indices of the N images
///  "draws": [[3, 0], [1, 2]]}                                          // optional: N rows of k random integers >= 0
/// ```
public struct EmbeddingsFile: Decodable, Equatable, Sendable {
    public var views: [[[Double]]]
    public var negatives: [[Double]]?
    public var indices: [Int]?
    /// Per row, the integers a sampling loss (instance discrimination, IR-Ring) turns into negatives.
    public var draws: [[Int]]?

    public init(views: [[[Double]]], negatives: [[Double]]? = nil, indices: [Int]? = nil, draws: [[Int]]? = nil) {
        self.views = views; self.negatives = negatives; self.indices = indices; self.draws = draws
    }

    /// Decodes `data`, read from `path` (named in every error).
    public static func decode(_ data: Data, path: String) throws -> EmbeddingsFile {
        do {
            return try JSONDecoder().decode(EmbeddingsFile.self, from: data)
        } catch let error as DecodingError {
            throw LossToolError("--input \(path): \(Self.explain(error))")
        }
    }

    /// Reads and decodes the file at `path`.
    public static func load(path: String) throws -> EmbeddingsFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw LossToolError("--input \(path): cannot read the file (\((error as NSError).localizedDescription))")
        }
        return try decode(data, path: path)
    }

    /// The views as `(N, D)` tensors and the extra negatives, after checking every matrix is rectangular, the views
    /// share one shape, the negatives have width `D` and there is one index per row.
    public func lossInput(path: String) throws -> LossInput {
        guard !views.isEmpty else { throw LossToolError("--input \(path): 'views' is empty; give at least one view") }
        let tensors = try views.enumerated().map { try Self.matrix($0.element, "views[\($0.offset)]", path) }
        let shape = tensors[0].shape
        if let k = tensors.firstIndex(where: { $0.shape != shape }) {
            throw LossToolError("--input \(path): views[\(k)] is \(Self.describe(tensors[k].shape)) but views[0] is "
                                + "\(Self.describe(shape)); all views must have the same shape")
        }
        var extra: Tensor?
        if let negatives {
            let t = try Self.matrix(negatives, "negatives", path)
            guard t.shape[1] == shape[1] else {
                throw LossToolError("--input \(path): negatives have \(t.shape[1]) columns, the views \(shape[1])")
            }
            extra = t
        }
        if let indices, indices.count != shape[0] {
            throw LossToolError("--input \(path): \(indices.count) indices for \(shape[0]) rows per view")
        }
        if let draws {
            guard draws.count == shape[0], let k = draws.first?.count, k > 0, draws.allSatisfy({ $0.count == k }) else {
                throw LossToolError("--input \(path): 'draws' must be \(shape[0]) rows (one per view row) of equal, "
                                    + "non-zero length")
            }
        }
        return LossInput(views: tensors, indices: indices, negatives: extra, draws: draws.map { Array($0.joined()) })
    }

    private static func matrix(_ rows: [[Double]], _ name: String, _ path: String) throws -> Tensor {
        guard let width = rows.first?.count, width > 0 else {
            throw LossToolError("--input \(path): \(name) has no numbers; expected a list of rows of equal length")
        }
        if let r = rows.firstIndex(where: { $0.count != width }) {
            throw LossToolError("--input \(path): \(name)[\(r)] has \(rows[r].count) numbers but \(name)[0] has \(width); "
                                + "rows must have equal length")
        }
        let values = rows.joined().map { Float($0) }
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw LossToolError("--input \(path): \(name)[\(i / width)][\(i % width)] is not a finite float32")
        }
        return Tensor(values, shape: [rows.count, width])
    }

    static func describe(_ shape: [Int]) -> String { "(\(shape.map(String.init).joined(separator: ", ")))" }

    private static func explain(_ error: DecodingError) -> String {
        func at(_ path: [CodingKey]) -> String {
            path.isEmpty ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .dataCorrupted(let c) where c.codingPath.isEmpty:
            let reason = (c.underlyingError as NSError?).map { ($0.userInfo[NSDebugDescriptionErrorKey] as? String) ?? $0.localizedDescription }
            return "not valid JSON (\(reason ?? c.debugDescription))"
        case .dataCorrupted(let c): return "bad value at \(at(c.codingPath)): \(c.debugDescription)"
        case .keyNotFound(let key, let c):
            return "missing key '\(key.stringValue)' at \(at(c.codingPath)); expected {\"views\": [[[numbers]]], …}"
        case .typeMismatch(let type, let c), .valueNotFound(let type, let c):
            let what = type == Double.self ? "a number" : type == Int.self ? "an integer" : "a list"
            return "expected \(what) at \(at(c.codingPath))"
        @unknown default: return "cannot decode (\(error))"
        }
    }
}
