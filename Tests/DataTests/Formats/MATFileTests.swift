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

    /// Each malformed file is named with what is wrong.
    @Test(arguments: [
        ("cut short", { (b: [UInt8]) in Array(b.prefix(b.count - 20)) }, "the file is cut short"),
        ("HDF5", { (b: [UInt8]) in MATWriter.header(text: "MATLAB 7.3 MAT-file, Platform: GLNXA64") + b.dropFirst(128) }, "MATLAB 7.3 (HDF5)"),
        ("not a MAT-file", { (b: [UInt8]) in Array("just some text\n".utf8) + b }, "header text 'just some text"),
        ("sparse", { (b: [UInt8]) in MATWriter.header() + MATWriter.matrix(5, dims: [2, 2], name: "synsets", body: []) }, "(sparse)"),
        ("bad zlib", { (b: [UInt8]) in MATWriter.header() + MATWriter.tag(MATWriter.miCOMPRESSED, [0x78, 0x9C, 1, 2, 3, 4]) },
         "compressed element at byte 128: the zlib stream is corrupt or cut short"),
    ] as [(String, @Sendable ([UInt8]) -> [UInt8], String)])
    func aMalformedFileIsAnErrorNamingIt(_ label: String, _ damage: @Sendable ([UInt8]) -> [UInt8], _ says: String) throws {
        let good = MATWriter.file(variable: "synsets", fields: fields, elements: elements, compressed: false)
        let dir = try TempDir()
        let path = try dir.write("meta.mat", damage(good))
        let error = #expect(throws: DataError.self) { try MATFile.read(path: path) }
        #expect(error?.description.hasPrefix("corrupt data file \(path): expected a MATLAB level-5 MAT-file, found ") == true)
        #expect(error?.description.contains(says) == true, "\(label): \(String(describing: error))")
    }
}
