/// Named arrays holding everything a training component changes between steps (optimizer moments, a
/// negative queue, a momentum encoder, an RNG), as a checkpoint stores them. PyTorch's `state_dict`, flat.
public struct TrainingState: Sendable, Equatable {
    public var floats: [String: [Float]] = [:]
    public var integers: [String: [UInt64]] = [:]

    public init(floats: [String: [Float]] = [:], integers: [String: [UInt64]] = [:]) {
        self.floats = floats; self.integers = integers
    }

    /// The entries of `other` with `prefix` prepended to their names.
    public mutating func merge(_ other: TrainingState, prefix: String) {
        for (k, v) in other.floats { floats[prefix + k] = v }
        for (k, v) in other.integers { integers[prefix + k] = v }
    }

    /// The entries whose names start with `prefix`, with the prefix removed.
    public func scoped(_ prefix: String) -> TrainingState {
        func strip<V>(_ d: [String: V]) -> [String: V] {
            Dictionary(uniqueKeysWithValues: d.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) })
        }
        return TrainingState(floats: strip(floats), integers: strip(integers))
    }

    /// The float array `name`, checked to hold `count` values.
    public func floats(_ name: String, count: Int) throws -> [Float] {
        guard let v = floats[name] else { throw TrainingStateError(what: "missing '\(name)'") }
        guard v.count == count else { throw TrainingStateError(what: "'\(name)' holds \(v.count) values, the model needs \(count)") }
        return v
    }
}

/// A checkpoint's state does not fit the component restoring it (another model, optimizer or method).
public struct TrainingStateError: Error, CustomStringConvertible {
    public var what: String
    public init(what: String) { self.what = what }
    public var description: String { "checkpoint does not match: \(what)" }
}
