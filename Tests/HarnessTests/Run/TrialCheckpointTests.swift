import Testing
import Foundation
import NN
import Contrastive
@testable import Harness

@Suite struct TrialCheckpointTests {
    static func sample() -> TrialCheckpoint {
        let state = TrainingState(floats: ["values": [1.5, -0.0, .leastNonzeroMagnitude, 3.4028235e38, .nan],
                                           "optimizer.velocity": [0.1, 0.2], "buffers": []],
                                  integers: ["method.rng": [UInt64.max, 0, 42]])
        return TrialCheckpoint(configHash: String(repeating: "ab", count: 32),
                               pretrain: PretrainCheckpoint(step: 3, losses: [4.1, 0.1 + 0.2, 3.9], state: state),
                               randomMetrics: ["retrieval.top1.random": 0.085], trainSeconds: 12.5, wallSeconds: 20.25)
    }

    /// Bit patterns, so NaN and -0.0 count.
    static func bits(_ s: TrainingState) -> [String: [UInt32]] { s.floats.mapValues { $0.map(\.bitPattern) } }

    @Test func encodesAndDecodesEveryBit() throws {
        let c = Self.sample()
        let back = try TrialCheckpoint(decoding: try c.encoded(), path: "x")
        #expect(Self.bits(back.pretrain.state) == Self.bits(c.pretrain.state))
        #expect(back.pretrain.state.integers == c.pretrain.state.integers)
        #expect(back.pretrain.losses == c.pretrain.losses && back.pretrain.step == 3)
        #expect(back.randomMetrics == c.randomMetrics && back.configHash == c.configHash)
        #expect(back.trainSeconds == 12.5 && back.wallSeconds == 20.25)
    }

    @Test func refusesTruncatedExtendedAndForeignFiles() throws {
        let data = try Self.sample().encoded()
        for bad in [data.prefix(data.count - 1), data + Data([0]), Data("RPLCKPT2".utf8) + data.dropFirst(8), data.prefix(10)] {
            #expect(throws: CheckpointFileError.self) { _ = try TrialCheckpoint(decoding: Data(bad), path: "x") }
        }
    }

    /// Array counts come from the file: a negative one that the others balance (so the total size matches) is
    /// refused, not used as a length (it trapped before).
    @Test func refusesNegativeArrayCountsThatBalanceTheSize() throws {
        let data = try Self.sample().encoded()
        let length = Int(data[8]) | Int(data[9]) << 8 | Int(data[10]) << 16 | Int(data[11]) << 24
        var header = try JSONDecoder().decode(TrialCheckpoint.Header.self, from: data.subdata(in: 12..<(12 + length)))
        let values = try #require(header.arrays.firstIndex { $0.name == "values" })
        let buffers = try #require(header.arrays.firstIndex { $0.name == "buffers" })
        header.arrays[values].count += 2
        header.arrays[buffers].count -= 2
        let json = try JSONEncoder().encode(header)
        let n = UInt32(json.count)
        let forged = Data(TrialCheckpoint.magic) + Data([UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)])
            + json + data.dropFirst(12 + length)
        #expect(throws: CheckpointFileError.self) { _ = try TrialCheckpoint(decoding: forged, path: "x") }
    }

    @Test func policySavesDurablyLoadsOnlyWhenResumingAndChecksTheHash() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = Self.sample()
        try CheckpointPolicy(directory: dir, every: 5).save(c)
        let file = CheckpointPolicy(directory: dir).file(for: c.configHash)
        #expect(FileManager.default.fileExists(atPath: file.path))
        // No temporary file left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["checkpoint.bin"])
        #expect(try CheckpointPolicy(directory: dir, resume: false).load(configHash: c.configHash) == nil)
        #expect(try CheckpointPolicy(directory: dir, resume: true).load(configHash: c.configHash)?.pretrain.step == 3)
        #expect(try CheckpointPolicy(directory: dir, resume: true).load(configHash: "other") == nil)
        // A checkpoint moved under another hash's folder is refused, not silently used.
        let other = CheckpointPolicy(directory: dir).file(for: "other")
        try FileManager.default.createDirectory(at: other.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: file, to: other)
        #expect(throws: CheckpointFileError.self) { _ = try CheckpointPolicy(directory: dir, resume: true).load(configHash: "other") }
        CheckpointPolicy(directory: dir).clear(configHash: c.configHash)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
