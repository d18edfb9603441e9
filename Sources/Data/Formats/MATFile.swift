import Foundation

/// A strict reader of MATLAB level-5 MAT-files (MathWorks, "MAT-File Format", the v5/v6/v7 layout: a 128-byte
/// header, then tagged data elements, each variable possibly one zlib-compressed `miCOMPRESSED` element), for
/// exactly the arrays ILSVRC-2012's devkit `meta.mat` holds: struct arrays whose fields are numeric arrays
/// (any stored integer or float type), char arrays and cell arrays. Sparse, complex, object and function
/// arrays, v7.3 files (HDF5) and anything malformed are errors naming the byte offset and what was found.
///
/// Hand-written because no Swift package reads MAT-files; Debian 12 does package a C library that does,
/// matio (libmatio-dev 1.5.23), but it depends on libhdf5-dev, a new system dependency for every developer
/// machine and CI to read one small struct array once per ImageNet fetch. The subset read here is short and
/// fully covered by tests; matio is the replacement should more of the format be needed.
public enum MATFile {
    /// One MATLAB array. Dimensions are MATLAB's (at least two); elements are in MATLAB's column-major order.
    public indirect enum Value: Equatable, Sendable {
        /// Any numeric class (double, single, int8 … uint64, logical), as doubles.
        case numeric(dimensions: [Int], values: [Double])
        /// A char array of one row (or empty).
        case text(String)
        /// A struct array: field names in file order, one `[field: value]` per element.
        case structArray(dimensions: [Int], fields: [String], elements: [[String: Value]])
        case cell(dimensions: [Int], elements: [Value])

        /// The number if this is a numeric array of exactly one element.
        public var scalar: Double? {
            if case let .numeric(_, values) = self, values.count == 1 { return values[0] }
            return nil
        }
    }

    /// What is malformed, and where (a byte offset in the file, or in an inflated `miCOMPRESSED` element).
    public struct FormatError: Error, Equatable, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The variables of the MAT-file at `path`, by name; a malformed file is `DataError.corrupt` naming it.
    public static func read(path: String) throws -> [String: Value] {
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw DataError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        do { return try variables(bytes) } catch let e as FormatError {
            throw DataError.corrupt(path: path, expected: "a MATLAB level-5 MAT-file", found: e.reason)
        }
    }

    /// The variables of a MAT-file's bytes, by name.
    public static func variables(_ bytes: [UInt8]) throws -> [String: Value] {
        guard bytes.count >= 128 else { throw FormatError(reason: "\(bytes.count) bytes, shorter than the 128-byte header") }
        let text = String(decoding: bytes[0..<116], as: UTF8.self)
        if text.hasPrefix("MATLAB 7.3") {
            throw FormatError(reason: "a MATLAB 7.3 (HDF5) MAT-file; only level-5 files (v5 to v7) are read")
        }
        guard text.hasPrefix("MATLAB 5.0 MAT-file") else {
            // Control characters shown as '?' so the message stays one line.
            let shown = String(text.prefix(19).map { $0.isASCII && !$0.isWhitespace || $0 == " " ? $0 : "?" })
            throw FormatError(reason: "header text '\(shown)', not 'MATLAB 5.0 MAT-file'")
        }
        let little: Bool
        switch (bytes[126], bytes[127]) {
        case (0x49, 0x4D): little = true  // "IM": written little-endian
        case (0x4D, 0x49): little = false
        default: throw FormatError(reason: "endian indicator at byte 126 is neither 'IM' nor 'MI'")
        }
        var top = Reader(bytes: bytes[...], little: little, base: 0, position: 128)
        let version = top.u16(at: 124)
        guard version == 0x0100 else { throw FormatError(reason: "header version \(String(version, radix: 16)), not 0x0100") }
        var result: [String: Value] = [:]
        while top.position < bytes.count {
            let (type, count, data) = try top.element()
            var matrix: Reader
            switch type {
            case Tag.miMATRIX:
                matrix = top.sub(data)
            case Tag.miCOMPRESSED:
                let inflated: [UInt8]
                do { inflated = try ZlibBuffer.inflate(bytes[data]) } catch let f as ZlibBuffer.Failure {
                    throw FormatError(reason: "compressed element at byte \(data.lowerBound - 8): \(f.reason)")
                }
                var inner = Reader(bytes: inflated[...], little: little, base: data.lowerBound, position: 0, inflated: true)
                let (innerType, _, innerData) = try inner.element()
                guard innerType == Tag.miMATRIX else {
                    throw FormatError(reason: "compressed element at byte \(data.lowerBound - 8) holds data type \(innerType), not miMATRIX (14)")
                }
                matrix = inner.sub(innerData)
            default:
                throw FormatError(reason: "top-level element at byte \(data.lowerBound - 8) has data type \(type) (\(count) bytes), "
                    + "not miMATRIX (14) or miCOMPRESSED (15)")
            }
            let (name, value) = try matrix.array()
            result[name] = value
        }
        return result
    }

    /// MAT-file data types and array classes used here.
    enum Tag {
        static let miINT8: UInt32 = 1, miUINT8: UInt32 = 2, miINT16: UInt32 = 3, miUINT16: UInt32 = 4, miINT32: UInt32 = 5
        static let miUINT32: UInt32 = 6, miSINGLE: UInt32 = 7, miDOUBLE: UInt32 = 9, miINT64: UInt32 = 12, miUINT64: UInt32 = 13
        static let miMATRIX: UInt32 = 14, miCOMPRESSED: UInt32 = 15, miUTF8: UInt32 = 16, miUTF16: UInt32 = 17
        static let mxCELL: UInt32 = 1, mxSTRUCT: UInt32 = 2, mxCHAR: UInt32 = 4
        /// mxDOUBLE_CLASS (6) through mxUINT64_CLASS (15).
        static let numericClasses: ClosedRange<UInt32> = 6...15
    }

    /// A cursor over one element's bytes.
    struct Reader {
        let bytes: ArraySlice<UInt8>
        let little: Bool
        /// Where these bytes start in the file (for messages), and whether they were inflated from there.
        let base: Int
        var position: Int
        var inflated = false

        init(bytes: ArraySlice<UInt8>, little: Bool, base: Int, position: Int, inflated: Bool = false) {
            self.bytes = bytes; self.little = little; self.base = base; self.position = position; self.inflated = inflated
        }

        /// "byte N" of the file, or "byte N of the compressed element at byte M".
        func at(_ offset: Int) -> String {
            inflated ? "byte \(offset) of the compressed element at byte \(base - 8)" : "byte \(offset)"
        }

        func sub(_ range: Range<Int>) -> Reader {
            Reader(bytes: bytes[range], little: little, base: base, position: range.lowerBound, inflated: inflated)
        }

        func u16(at i: Int) -> UInt16 {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            return little ? a | b << 8 : a << 8 | b
        }

        func u32(at i: Int) -> UInt32 {
            let v = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[i + $1]) << (8 * $1) }
            return little ? v : v.byteSwapped
        }

        func u64(at i: Int) -> UInt64 {
            let v = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[i + $1]) << (8 * $1) }
            return little ? v : v.byteSwapped
        }

        /// The next data element: its type, byte count and the range of its data; moves past it and its padding
        /// (to 8 bytes; the small format packs up to 4 bytes into the tag).
        mutating func element() throws -> (type: UInt32, count: Int, data: Range<Int>) {
            let start = position
            guard bytes.endIndex - start >= 8 else {
                throw FormatError(reason: "\(at(start)): an element tag needs 8 bytes, \(bytes.endIndex - start) left")
            }
            let first = u32(at: start)
            if first >> 16 != 0 {  // small data element format
                let count = Int(first >> 16)
                guard count <= 4 else { throw FormatError(reason: "\(at(start)): small element of \(count) bytes (at most 4)") }
                position = start + 8
                return (first & 0xFFFF, count, (start + 4)..<(start + 4 + count))
            }
            let count = Int(u32(at: start + 4))
            guard count <= bytes.endIndex - start - 8 else {
                throw FormatError(reason: "\(at(start)): element of data type \(first) claims \(count) bytes, "
                    + "\(bytes.endIndex - start - 8) left (the file is cut short)")
            }
            // Compressed elements are not padded; everything else is padded to a multiple of 8.
            let padded = first == Tag.miCOMPRESSED ? count : (count + 7) / 8 * 8
            position = min(bytes.endIndex, start + 8 + padded)
            return (first, count, (start + 8)..<(start + 8 + count))
        }

        /// The next element, which must have data type `type` (one of `types`) — for messages, `what` it is.
        mutating func expect(_ types: Set<UInt32>, _ what: String) throws -> (type: UInt32, data: Range<Int>) {
            let start = position
            let (type, _, data) = try element()
            guard types.contains(type) else {
                throw FormatError(reason: "\(at(start)): \(what) has data type \(type), expected \(types.sorted().map(String.init).joined(separator: " or "))")
            }
            return (type, data)
        }

        /// Numbers of any numeric data type.
        func numbers(_ type: UInt32, _ data: Range<Int>, what: String) throws -> [Double] {
            let width: Int
            switch type {
            case Tag.miINT8, Tag.miUINT8: width = 1
            case Tag.miINT16, Tag.miUINT16: width = 2
            case Tag.miINT32, Tag.miUINT32, Tag.miSINGLE: width = 4
            case Tag.miDOUBLE, Tag.miINT64, Tag.miUINT64: width = 8
            default: throw FormatError(reason: "\(at(data.lowerBound)): \(what) has data type \(type), not a numeric type")
            }
            guard data.count % width == 0 else {
                throw FormatError(reason: "\(at(data.lowerBound)): \(what) holds \(data.count) bytes, not a multiple of \(width)")
            }
            return stride(from: data.lowerBound, to: data.upperBound, by: width).map { i in
                switch type {
                case Tag.miINT8: return Double(Int8(bitPattern: bytes[i]))
                case Tag.miUINT8: return Double(bytes[i])
                case Tag.miINT16: return Double(Int16(bitPattern: u16(at: i)))
                case Tag.miUINT16: return Double(u16(at: i))
                case Tag.miINT32: return Double(Int32(bitPattern: u32(at: i)))
                case Tag.miUINT32: return Double(u32(at: i))
                case Tag.miSINGLE: return Double(Float(bitPattern: u32(at: i)))
                case Tag.miDOUBLE: return Double(bitPattern: u64(at: i))
                case Tag.miINT64: return Double(Int64(bitPattern: u64(at: i)))
                default: return Double(u64(at: i))
                }
            }
        }

        /// The array whose `miMATRIX` data this reader spans: its name and value. An empty `miMATRIX` (0 bytes,
        /// as MATLAB writes `[]` in a struct field) is an empty double array.
        mutating func array() throws -> (String, Value) {
            if position == bytes.endIndex { return ("", .numeric(dimensions: [0, 0], values: [])) }
            let start = position
            let flags = try expect([Tag.miUINT32], "the array flags")
            guard flags.data.count == 8 else { throw FormatError(reason: "\(at(start)): array flags of \(flags.data.count) bytes, not 8") }
            let word = u32(at: flags.data.lowerBound), arrayClass = word & 0xFF
            let dimsAt = position
            let dims = try numbers(Tag.miINT32, try expect([Tag.miINT32], "the dimensions").data, what: "the dimensions").map { Int($0) }
            guard dims.count >= 2, dims.allSatisfy({ $0 >= 0 }) else {
                throw FormatError(reason: "\(at(dimsAt)): dimensions \(dims), expected at least two, none negative")
            }
            let count = dims.reduce(1, *)
            let nameData = try expect([Tag.miINT8], "the array name").data
            let name = String(decoding: bytes[nameData], as: UTF8.self)
            let label = name.isEmpty ? "the array at \(at(start))" : "array '\(name)'"
            if word & 0x0800 != 0 { throw FormatError(reason: "\(label) is complex; only real arrays are read") }
            switch arrayClass {
            case Tag.numericClasses:
                let real = try expect([Tag.miINT8, Tag.miUINT8, Tag.miINT16, Tag.miUINT16, Tag.miINT32, Tag.miUINT32,
                                       Tag.miSINGLE, Tag.miDOUBLE, Tag.miINT64, Tag.miUINT64], "the values of \(label)")
                let values = try numbers(real.type, real.data, what: "the values of \(label)")
                guard values.count == count else {
                    throw FormatError(reason: "\(label) has dimensions \(dims) but \(values.count) values")
                }
                return (name, .numeric(dimensions: dims, values: values))
            case Tag.mxCHAR:
                guard count == 0 || dims.filter({ $0 != 1 }).count <= 1 && dims[0] == 1 else {
                    throw FormatError(reason: "\(label) is a char array of dimensions \(dims); only one row is read")
                }
                let chars = try expect([Tag.miUINT8, Tag.miUTF8, Tag.miUINT16, Tag.miUTF16], "the characters of \(label)")
                let text: String
                switch chars.type {
                case Tag.miUINT16, Tag.miUTF16:
                    let units = stride(from: chars.data.lowerBound, to: chars.data.upperBound - 1, by: 2).map { u16(at: $0) }
                    text = String(decoding: units, as: UTF16.self)
                    guard units.count == count else { throw FormatError(reason: "\(label) has dimensions \(dims) but \(units.count) characters") }
                default:
                    text = String(decoding: bytes[chars.data], as: UTF8.self)
                }
                return (name, .text(text))
            case Tag.mxSTRUCT:
                let lengthAt = position
                let length = try numbers(Tag.miINT32, try expect([Tag.miINT32], "the field name length of \(label)").data, what: "the field name length")
                guard length.count == 1, length[0] >= 1 else {
                    throw FormatError(reason: "\(at(lengthAt)): field name length \(length) of \(label)")
                }
                let width = Int(length[0])
                let namesData = try expect([Tag.miINT8], "the field names of \(label)").data
                guard namesData.count % width == 0 else {
                    throw FormatError(reason: "\(label): field names of \(namesData.count) bytes, not a multiple of \(width)")
                }
                let fields = stride(from: namesData.lowerBound, to: namesData.upperBound, by: width).map {
                    String(decoding: bytes[$0..<($0 + width)].prefix { $0 != 0 }, as: UTF8.self)
                }
                var elements: [[String: Value]] = []
                for _ in 0..<count {
                    var element: [String: Value] = [:]
                    for field in fields { element[field] = try nested("field '\(field)' of \(label)") }
                    elements.append(element)
                }
                return (name, .structArray(dimensions: dims, fields: fields, elements: elements))
            case Tag.mxCELL:
                return (name, .cell(dimensions: dims, elements: try (0..<count).map { i in try nested("cell \(i + 1) of \(label)") }))
            default:
                let names: [UInt32: String] = [3: "object", 5: "sparse", 16: "function handle", 17: "opaque"]
                throw FormatError(reason: "\(label) is of array class \(arrayClass) (\(names[arrayClass] ?? "unknown")); "
                    + "only struct, cell, char and numeric arrays are read")
            }
        }

        /// The next element, which must be a `miMATRIX` (a struct field or cell).
        private mutating func nested(_ what: String) throws -> Value {
            let element = try expect([Tag.miMATRIX], what)
            var inner = sub(element.data)
            return try inner.array().1
        }
    }
}
