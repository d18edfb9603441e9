import Foundation
import Testing
import Data
@testable import Harness

@Suite struct DataFetchTests {
    /// Debian's Fashion-MNIST files (recompressed, so their MD5s are not the published ones: the test's table has theirs).
    static let debianFashionMNIST = URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist")

    static func table(from folder: URL) throws -> ArchiveTable {
        var table = ArchiveTable.official
        var source = try table.source("fashion-mnist")
        source.archives = try source.archives.map { a in
            var a = a
            a.md5 = try Checksum.md5.hex(file: folder.appendingPathComponent(a.fileName).path)
            return a
        }
        table.sources["fashion-mnist"] = source
        return table
    }

    @Test func fetchFromAFolderEndsWithTheDeepCheck() throws {
        let root = try ScratchDir()
        let catalog = DataCatalog(explicitRoot: root.url.path, environment: [:])
        let options = FetchOptions(root: catalog.root, from: Self.debianFashionMNIST, table: try Self.table(from: Self.debianFashionMNIST))
        let quiet = FetchProgress(style: .quiet) { _ in }
        let result = try DataFetch.run(names: ["fashion-mnist", "fashion-mnist"], catalog: catalog, options: options, progress: quiet)
        #expect(result.statuses.map(\.name) == ["fashion-mnist"])
        #expect(result.statuses[0].state == .present)
        #expect(result.text.contains("fashion-mnist  present  \(root.url.path)/fashion-mnist (every split read)"))
    }

    @Test(arguments: [(Scale.smoke, ["fashion-mnist"]), (.full, ["stl10"])])
    func aPapersDataSetsAtAScale(scale: Scale, expected: [String]) throws {
        #expect(try DataFetch.datasets(paper: "align-uniform", scale: scale, specRoot: repositoryRoot) == expected)
    }

    @Test func allMeansEveryDataSetWithoutALogin() {
        #expect(DataFetch.allDownloadable() == ["fashion-mnist", "cifar10", "cifar100", "stl10", "tiny-imagenet"])
    }

    @Test func theMirrorComesFromTheFlagElseTheEnvironment() throws {
        let env = [DatasetFetcher.mirrorVariable: "https://mirror.example/datasets"]
        #expect(try DataFetch.mirror(explicit: nil, environment: env)?.absoluteString == "https://mirror.example/datasets")
        #expect(try DataFetch.mirror(explicit: "http://127.0.0.1:8000/", environment: env)?.absoluteString == "http://127.0.0.1:8000/")
        #expect(try DataFetch.mirror(explicit: "", environment: [:]) == nil)
        #expect(throws: InvalidMirror.self) { try DataFetch.mirror(explicit: "/srv/mirror", environment: [:]) }
    }

    /// The message of a run whose data is missing names the command that gets it (with the root the user chose).
    @Test(arguments: [("cifar10", "replicate data fetch cifar10 --data-root "), ("imagenet", "replicate data fetch imagenet --from DIR --data-root ")])
    func missingDataNamesTheFetchCommand(dataset: String, command: String) throws {
        let root = try ScratchDir()
        let catalog = DataCatalog(explicitRoot: root.url.path, environment: [:])
        let error = #expect(throws: DataError.self) { try catalog.load(dataset, split: "train") }
        #expect(error?.isMissingData == true)
        #expect(error?.description.hasSuffix("; get it with `\(command)\(root.url.path)`") == true)
        // Through $REPLICATE_DATA the command needs no --data-root.
        let viaEnvironment = DataCatalog(explicitRoot: nil, environment: [DataRoot.environmentVariable: root.url.path])
        #expect(DataFetch.command(for: "cifar10", catalog: viaEnvironment) == "replicate data fetch cifar10")
    }
}
