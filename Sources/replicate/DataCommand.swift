import ArgumentParser
import Foundation
import Harness

/// `replicate data …`: the data sets under the data root.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Inspect and fetch the data sets under the data root.",
        subcommands: [Check.self, Fetch.self])

    /// `replicate data check [--data-root DIR] [--deep] [--checksums] [names…]`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "List each data set as present / absent / corrupt (exit 2 if any is corrupt).",
            discussion: """
                Present means every file is there with its exact size; --deep also reads every split (magic \
                numbers, counts, labels, every JPEG). --checksums prints each file's SHA-256 and compares the \
                MD5s publishers list for individual files (Fashion-MNIST, STL-10); CIFAR and Tiny ImageNet \
                publish checksums of their archives only, which say nothing about unpacked files.
                """)

        @Option(help: "Folder holding the data sets (default $REPLICATE_DATA, else /usr/share/datasets).")
        var dataRoot: String?
        @Flag(help: "Read every split (slow for the JPEG data sets).") var deep = false
        @Flag(help: "Hash every file (SHA-256; MD5 where a published one exists).") var checksums = false
        @Argument(help: "Data sets to check (default: all).") var names: [String] = []

        func run() throws {
            let result = try DataCheck.run(catalog: DataCatalog(explicitRoot: dataRoot),
                                           names: names.isEmpty ? DataCheck.allNames : names,
                                           deep: deep, checksums: checksums)
            print(result.text)
            if !result.corrupt.isEmpty { throw DataCheckFailed(names: result.corrupt) }
        }
    }
}
