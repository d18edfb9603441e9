import Foundation

/// What laying out ILSVRC-2012 needs from its devkit (`ILSVRC2012_devkit_t12/`): the classes, from
/// `data/meta.mat`'s struct array `synsets` (the 1,000 leaf synsets, `num_children == 0`, are the classes; their
/// `ILSVRC2012_ID` is the label the ground truth uses), and the validation labels, one `ILSVRC2012_ID` per line
/// of `data/ILSVRC2012_validation_ground_truth.txt` in the order of the validation images — what torchvision's
/// `parse_devkit_archive` reads.
struct ILSVRC2012Devkit: Equatable {
    static let folder = "ILSVRC2012_devkit_t12"
    static let metaFile = "data/meta.mat"
    static let groundTruthFile = "data/ILSVRC2012_validation_ground_truth.txt"

    /// ILSVRC2012_ID → WNID of every class (leaf synset).
    var classes: [Int: String]
    /// The ILSVRC2012_ID of each validation image, in file-name order.
    var validationLabels: [Int]

    /// Reads the devkit unpacked at `root` (the folder holding `ILSVRC2012_devkit_t12/`). Errors are `badArchive`
    /// of `archive`, naming the file inside it.
    static func read(unpackedAt root: URL, archive: String) throws -> ILSVRC2012Devkit {
        let devkit = root.appendingPathComponent(folder, isDirectory: true)
        func bad(_ file: String, _ reason: String) -> FetchError {
            .badArchive(archive: archive, reason: "\(folder)/\(file): \(reason)")
        }
        for file in [metaFile, groundTruthFile] where !FileManager.default.fileExists(atPath: devkit.appendingPathComponent(file).path) {
            throw FetchError.badArchive(archive: archive, reason: "it holds no \(folder)/\(file)")
        }
        let variables: [String: MATFile.Value]
        do {
            variables = try MATFile.variables([UInt8](try Data(contentsOf: devkit.appendingPathComponent(metaFile))))
        } catch let e as MATFile.FormatError {
            throw bad(metaFile, "not a MATLAB level-5 MAT-file as the devkit's: \(e.reason)")
        }
        let classes = try Self.classes(variables["synsets"]) { bad(metaFile, $0) }

        guard let text = try? String(contentsOf: devkit.appendingPathComponent(groundTruthFile), encoding: .utf8) else {
            throw bad(groundTruthFile, "not readable as text")
        }
        var labels: [Int] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            let field = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if field.isEmpty, i == lines.count - 1 { break }  // the final newline
            guard let id = Int(field), classes[id] != nil else {
                throw bad(groundTruthFile, "line \(i + 1) is '\(field.prefix(40))', not the ILSVRC2012_ID of a class of \(metaFile)")
            }
            labels.append(id)
        }
        guard !labels.isEmpty else { throw bad(groundTruthFile, "no labels") }
        return ILSVRC2012Devkit(classes: classes, validationLabels: labels)
    }

    /// The leaf synsets of `synsets` (a struct array with at least ILSVRC2012_ID, WNID and num_children).
    static func classes(_ synsets: MATFile.Value?, bad: (String) -> FetchError) throws -> [Int: String] {
        guard let synsets else { throw bad("no variable 'synsets'") }
        guard case let .structArray(_, fields, elements) = synsets else { throw bad("'synsets' is not a struct array") }
        for f in ["ILSVRC2012_ID", "WNID", "num_children"] where !fields.contains(f) {
            throw bad("'synsets' has no field \(f) (fields: \(fields.joined(separator: ", ")))")
        }
        var classes: [Int: String] = [:], seen: Set<String> = []
        for (i, s) in elements.enumerated() {
            guard let idValue = s["ILSVRC2012_ID"]?.scalar, let id = Int(exactly: idValue), id >= 1 else {
                throw bad("synsets(\(i + 1)).ILSVRC2012_ID is not a positive integer")
            }
            guard case let .text(wnid)? = s["WNID"], TinyImageNet.isWordNetID(wnid) else {
                throw bad("synsets(\(i + 1)).WNID is not a WordNet id (n + 8 digits)")
            }
            guard let children = s["num_children"]?.scalar, children >= 0, children == children.rounded() else {
                throw bad("synsets(\(i + 1)).num_children is not a count")
            }
            guard children == 0 else { continue }
            guard classes[id] == nil, seen.insert(wnid).inserted else {
                throw bad("synsets(\(i + 1)) repeats ILSVRC2012_ID \(id) or WNID \(wnid)")
            }
            classes[id] = wnid
        }
        guard !classes.isEmpty else { throw bad("'synsets' has no leaf synsets (num_children 0)") }
        return classes
    }
}
