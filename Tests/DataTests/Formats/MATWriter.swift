import Foundation
@testable import Data

/// Writes MATLAB level-5 MAT-files (little-endian, as MATLAB writes them on x86) holding one struct array, the
/// shape of the ILSVRC-2012 devkit's `meta.mat`: numbers stored in the smallest integer type that holds them
/// (MATLAB's habit; one-byte values in the small element format), strings as UTF-16 char arrays, `[]` as an
/// empty `miMATRIX`, and the variable optionally one zlib-compressed `miCOMPRESSED` element (MATLAB v7's default).
enum MATWriter {
    enum Field {
        case number(Double)
        case numbers([Double])
        case text(String)
        /// `[]`.
        case empty
    }

    static let miINT8: UInt32 = 1, miUINT8: UInt32 = 2, miUINT16: UInt32 = 4, miINT32: UInt32 = 5, miUINT32: UInt32 = 6
    static let miDOUBLE: UInt32 = 9, miMATRIX: UInt32 = 14, miCOMPRESSED: UInt32 = 15

    /// A whole file: the 128-byte header, then `variable`, a struct array of `elements` (each field in `fields` order).
    static func file(variable: String, fields: [String], elements: [[String: Field]], compressed: Bool) -> [UInt8] {
        let body = structArray(name: variable, fields: fields, elements: elements)
        return header() + (compressed ? tag(miCOMPRESSED, ZlibBuffer.deflate(body)) : body)
    }

    static func header(text: String = "MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: a replicate test") -> [UInt8] {
        var h = Array(text.utf8.prefix(116))
        h += [UInt8](repeating: 0x20, count: 116 - h.count)
        h += [UInt8](repeating: 0, count: 8)  // no subsystem data
        return h + [0x00, 0x01] + Array("IM".utf8)  // version 0x0100, little-endian
    }

    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    /// A tag and data, in the small format when 4 bytes or fewer (and not an miMATRIX), padded to 8 bytes.
    static func element(_ type: UInt32, _ data: [UInt8]) -> [UInt8] {
        if data.count <= 4, type != miMATRIX, !data.isEmpty {
            return le32(UInt32(data.count) << 16 | type) + data + [UInt8](repeating: 0, count: 4 - data.count)
        }
        return tag(type, data) + [UInt8](repeating: 0, count: (8 - data.count % 8) % 8)
    }

    static func tag(_ type: UInt32, _ data: [UInt8]) -> [UInt8] { le32(type) + le32(UInt32(data.count)) + data }

    /// An miMATRIX: flags (class `arrayClass`), dimensions, name, then `body`.
    static func matrix(_ arrayClass: UInt32, dims: [Int], name: String, body: [UInt8]) -> [UInt8] {
        element(miMATRIX, element(miUINT32, le32(arrayClass) + le32(0))
            + element(miINT32, dims.flatMap { le32(UInt32($0)) }) + element(miINT8, Array(name.utf8)) + body)
    }

    static func value(_ field: Field, name: String = "") -> [UInt8] {
        switch field {
        case .empty: return tag(miMATRIX, [])
        case let .number(x): return value(.numbers([x]), name: name)
        case let .numbers(xs):
            // mxDOUBLE_CLASS (6), stored compactly when every value fits.
            let data: [UInt8]
            if xs.allSatisfy({ $0 >= 0 && $0 <= 255 && $0 == $0.rounded() }) {
                data = element(miUINT8, xs.map { UInt8($0) })
            } else if xs.allSatisfy({ $0 >= 0 && $0 <= 65535 && $0 == $0.rounded() }) {
                data = element(miUINT16, xs.flatMap { v -> [UInt8] in let u = UInt16(v); return [UInt8(u & 0xFF), UInt8(u >> 8)] })
            } else {
                data = element(miDOUBLE, xs.flatMap { v -> [UInt8] in let b = v.bitPattern; return (0..<8).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) } })
            }
            return matrix(6, dims: [1, xs.count], name: name, body: data)
        case let .text(s):
            let units = Array(s.utf16)
            return matrix(4, dims: [units.isEmpty ? 0 : 1, units.count], name: name,
                          body: element(miUINT16, units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        }
    }

    /// mxSTRUCT_CLASS (2), `elements.count × 1`.
    static func structArray(name: String, fields: [String], elements: [[String: Field]]) -> [UInt8] {
        let width = 32
        let names = fields.flatMap { Array($0.utf8) + [UInt8](repeating: 0, count: width - $0.utf8.count) }
        var body = element(miINT32, le32(UInt32(width))) + element(miINT8, names)
        for e in elements { for f in fields { body += value(e[f] ?? .empty) } }
        return matrix(2, dims: [elements.count, 1], name: name, body: body)
    }
}
