import Foundation

extension RunRecord {
    /// Non-finite numbers (a diverged loss) are legal in a record; JSON has no literal for them.
    static let nonFiniteStrings = (positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    /// The encoder for `results.json`: sorted keys, pretty printed, ISO-8601 dates (with milliseconds),
    /// NaN and infinities as the strings "nan", "inf", "-inf".
    public static func makeEncoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(RunRecord.isoFormatter(fractional: true).string(from: date))
        }
        let n = nonFiniteStrings
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: n.positiveInfinity,
                                                                negativeInfinity: n.negativeInfinity, nan: n.nan)
        return e
    }

    /// The decoder matching `makeEncoder`; also accepts dates without fractional seconds.
    public static func makeDecoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let s = try c.decode(String.self)
            if let date = isoFormatter(fractional: true).date(from: s) ?? isoFormatter(fractional: false).date(from: s) {
                return date
            }
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected an ISO-8601 date, found \"\(s)\"")
        }
        let n = nonFiniteStrings
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: n.positiveInfinity,
                                                                  negativeInfinity: n.negativeInfinity, nan: n.nan)
        return d
    }

    private static func isoFormatter(fractional: Bool) -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return f
    }

    /// This record as `results.json` bytes (UTF-8, trailing newline).
    public func jsonData() throws -> Data {
        var data = try RunRecord.makeEncoder().encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads a `results.json`; rejects a missing or different `schemaVersion` before decoding the rest, so an
    /// old or newer file fails with a version error rather than a confusing missing-field error.
    public static func load(from url: URL) throws -> RunRecord {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ReportError.io(path: url.path, reason: "cannot read run record: \(error.localizedDescription)")
        }
        return try decode(data, path: url.path)
    }

    /// Decodes `results.json` bytes; `path` only labels errors.
    public static func decode(_ data: Data, path: String) throws -> RunRecord {
        struct VersionProbe: Decodable { var schemaVersion: Int? }
        let probe: VersionProbe
        do { probe = try JSONDecoder().decode(VersionProbe.self, from: data) } catch {
            throw ReportError.unreadableRecord(path: path, reason: describe(error))
        }
        guard probe.schemaVersion == RunRecord.schemaVersion else {
            throw ReportError.unsupportedSchemaVersion(path: path, found: probe.schemaVersion, supported: RunRecord.schemaVersion)
        }
        do { return try makeDecoder().decode(RunRecord.self, from: data) } catch {
            throw ReportError.unreadableRecord(path: path, reason: describe(error))
        }
    }

    /// A DecodingError as "field a.b.c: what was wrong", instead of Foundation's nested dump.
    static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let ctx)?: return "missing field \(path(ctx.codingPath + [key]))"
        case .typeMismatch(let type, let ctx)?: return "field \(path(ctx.codingPath)): expected \(type)"
        case .valueNotFound(let type, let ctx)?: return "field \(path(ctx.codingPath)): expected \(type), found null"
        case .dataCorrupted(let ctx)?: return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        default: return "\(error)"
        }
    }
}
