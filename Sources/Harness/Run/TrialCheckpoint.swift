import Foundation
import NN
import Contrastive

/// One trial's checkpoint file: the pretraining state plus what the trial measured before training
/// (the randomly initialised encoder's metrics) and the time spent so far.
///
/// Layout: the 8 bytes `RPLCKPT1`, a little-endian `UInt32` header length, a JSON header (scalars and the
/// name, kind and count of every array, in order), then the arrays as raw little-endian `Float32` /
/// `UInt64`. The file's size must equal what the header declares, so a truncated file is refused.
public struct TrialCheckpoint: Equatable, Sendable {
    public var configHash: String
    public var pretrain: PretrainCheckpoint
    /// `<metric>.random` values measured before the first step.
    public var randomMetrics: [String: Double]
    /// Training time before this checkpoint (for images/s of a resumed trial).
    public var trainSeconds: Double
    public var wallSeconds: Double

    static let magic = Array("RPLCKPT1".utf8)

    struct Header: Codable {
        struct Array: Codable { var name: String; var kind: String; var count: Int }
        var configHash: String
        var step: Int
        var losses: [Double]
        var randomMetrics: [String: Double]
        var trainSeconds: Double
        var wallSeconds: Double
        var arrays: [Array]
    }

    public func encoded() throws -> Data {
        let floats = pretrain.state.floats.sorted { $0.key < $1.key }
        let ints = pretrain.state.integers.sorted { $0.key < $1.key }
        let header = Header(configHash: configHash, step: pretrain.step, losses: pretrain.losses,
                            randomMetrics: randomMetrics, trainSeconds: trainSeconds, wallSeconds: wallSeconds,
                            arrays: floats.map { .init(name: $0.key, kind: "f32", count: $0.value.count) }
                                + ints.map { .init(name: $0.key, kind: "u64", count: $0.value.count) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let json = try encoder.encode(header)
        var out = Data(Self.magic)
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(json)
        for (_, v) in floats { v.withUnsafeBytes { out.append(contentsOf: $0) } }  // x86-64 and arm64: little-endian
        for (_, v) in ints { v.withUnsafeBytes { out.append(contentsOf: $0) } }
        return out
    }

    public init(configHash: String, pretrain: PretrainCheckpoint, randomMetrics: [String: Double],
                trainSeconds: Double, wallSeconds: Double) {
        self.configHash = configHash; self.pretrain = pretrain; self.randomMetrics = randomMetrics
        self.trainSeconds = trainSeconds; self.wallSeconds = wallSeconds
    }

    public init(decoding data: Data, path: String) throws {
        func bad(_ why: String) -> CheckpointFileError { CheckpointFileError(path: path, reason: why) }
        let bytes = [UInt8](data.prefix(12))
        guard bytes.count >= 12, Array(bytes[0..<8]) == Self.magic else { throw bad("not a replicate checkpoint") }
        let length = Int(UInt32(bytes[8]) | UInt32(bytes[9]) << 8 | UInt32(bytes[10]) << 16 | UInt32(bytes[11]) << 24)
        guard 12 + length <= data.count else { throw bad("truncated header") }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let header: Header
        do { header = try decoder.decode(Header.self, from: data.subdata(in: 12..<(12 + length))) } catch { throw bad("unreadable header: \(error)") }
        var offset = 12 + length
        // Counts come from the file: each must be a real length before they are multiplied and summed.
        if let a = header.arrays.first(where: { !(0...data.count).contains($0.count) }) {
            throw bad("array '\(a.name)' has count \(a.count), more than the file holds")
        }
        let size = header.arrays.reduce(offset) { $0 + $1.count * ($1.kind == "u64" ? 8 : 4) }
        guard size == data.count else { throw bad("\(data.count) bytes, the header declares \(size)") }
        var state = TrainingState()
        for a in header.arrays {
            switch a.kind {
            case "f32":
                state.floats[a.name] = Self.read(Float.self, a.count, at: offset, from: data)
                offset += 4 * a.count
            case "u64":
                state.integers[a.name] = Self.read(UInt64.self, a.count, at: offset, from: data)
                offset += 8 * a.count
            default:
                throw bad("array '\(a.name)' of unknown kind '\(a.kind)'")
            }
        }
        self.init(configHash: header.configHash, pretrain: PretrainCheckpoint(step: header.step, losses: header.losses, state: state),
                  randomMetrics: header.randomMetrics, trainSeconds: header.trainSeconds, wallSeconds: header.wallSeconds)
    }
}

extension TrialCheckpoint {
    /// `count` raw little-endian values at byte `offset` (one copy, no per-element work).
    static func read<T>(_: T.Type, _ count: Int, at offset: Int, from data: Data) -> [T] where T: FixedWidthInteger & Sendable {
        [T](unsafeUninitializedCapacity: count) { buf, n in
            data.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<(offset + count * MemoryLayout<T>.size)]))
            }
            n = count
        }
    }

    static func read(_: Float.Type, _ count: Int, at offset: Int, from data: Data) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buf, n in
            data.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<(offset + count * 4)]))
            }
            n = count
        }
    }
}

/// A checkpoint file that cannot be used.
public struct CheckpointFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "checkpoint \(path): \(reason)" }
}
