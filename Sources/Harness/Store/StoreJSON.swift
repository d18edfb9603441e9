import Foundation

/// Compact JSON for the store's text columns, with `results.json`'s conventions (non-finite numbers as
/// strings, exact dates), so every value read back equals the one written.
enum StoreJSON {
    static func string<T: Encodable>(_ value: T) throws -> String {
        let e = RunRecord.makeEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let d = RunRecord.makeDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        return try d.decode(type, from: Data(text.utf8))
    }
}
