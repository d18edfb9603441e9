import Foundation
import Testing
@testable import Data

/// The MAT-file reader on files written by `MATWriter` in MATLAB's level-5 layout, plain and compressed.
@Suite struct MATFileTests {
    let fields = ["ILSVRC2012_ID", "WNID", "num_children", "children"]
    let elements: [[String: MATWriter.Field]] = [
        ["ILSVRC2012_ID": .number(1), "WNID": .text("n01440764"), "num_children": .number(0), "children": .empty],
        ["ILSVRC2012_ID": .number(1000), "WNID": .text("n15075141"), "num_children": .number(0), "children": .empty],
        ["ILSVRC2012_ID": .number(70_000.5), "WNID": .text("n00001740"), "num_children": .number(2), "children": .numbers([1, 1000])],
    ]

    @Test(arguments: [false, true])
    func readsAStructArrayOfNumbersAndText(compressed: Bool) throws {
        let bytes = MATWriter.file(variable: "synsets", fields: fields, elements: elements, compressed: compressed)
        let variables = try MATFile.variables(bytes)
        #expect(Array(variables.keys) == ["synsets"])
        guard case let .structArray(dims, names, read)? = variables["synsets"] else { Issue.record("\(variables)"); return }
        #expect(dims == [3, 1] && names == fields)
        #expect(read.map { $0["ILSVRC2012_ID"]?.scalar } == [1, 1000, 70_000.5])  // uint8, uint16 and double storage
        #expect(read.map { $0["WNID"] } == [.text("n01440764"), .text("n15075141"), .text("n00001740")])
        #expect(read[0]["children"] == .numeric(dimensions: [0, 0], values: []))
        #expect(read[2]["children"] == .numeric(dimensions: [1, 2], values: [1, 1000]))
    }

    /// Ways a MAT-file can be malformed, each with what the error must say.
    enum Damage: String, CaseIterable, Sendable {
        case cutShort, hdf5, notAMATFile, sparse, badZlib

        func apply(_ b: [UInt8]) -> [UInt8] {
            switch self {
            case .cutShort: return Array(b.prefix(b.count - 20))
            case .hdf5: return MATWriter.header(text: "MATLAB 7.3 MAT-file, Platform: GLNXA64") + b.dropFirst(128)
            case .notAMATFile: return Array("just some text\n".utf8) + b
            case .sparse: return MATWriter.header() + MATWriter.matrix(5, dims: [2, 2], name: "synsets", body: [])
            case .badZlib: return MATWriter.header() + MATWriter.tag(MATWriter.miCOMPRESSED, [0x78, 0x9C, 1, 2, 3, 4])
            }
        }

        var says: String {
            switch self {
            case .cutShort: return "the file is cut short"
            case .hdf5: return "MATLAB 7.3 (HDF5)"
            case .notAMATFile: return "header text 'just some text?MATL', not 'MATLAB 5.0 MAT-file'"
            case .sparse: return "array 'synsets' is of array class 5 (sparse)"
            case .badZlib: return "compressed element at byte 128: the zlib stream is corrupt or cut short"
            }
        }
    }

    /// Each malformed file is named with what is wrong, in one line.
    @Test(arguments: Damage.allCases)
    func aMalformedFileIsAnErrorNamingIt(_ damage: Damage) throws {
        let good = MATWriter.file(variable: "synsets", fields: fields, elements: elements, compressed: false)
        let dir = try TempDir()
        let path = try dir.write("meta.mat", damage.apply(good))
        let error = #expect(throws: DataError.self) { try MATFile.read(path: path) }
        #expect(error?.description.hasPrefix("corrupt data file \(path): expected a MATLAB level-5 MAT-file, found ") == true)
        #expect(error?.description.contains(damage.says) == true, "\(String(describing: error))")
        #expect(error?.description.contains("\n") == false)
    }
}
