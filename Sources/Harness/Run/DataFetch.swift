import Foundation
import Data

/// `replicate data fetch`: which data sets to get (named, a paper's at a scale, or all), then the fetch and
/// the same deep check as `replicate data check --deep` over what was asked for.
public enum DataFetch {
    /// The data sets a paper reads at `scale` (its resolved recipe's `data.dataset`).
    public static func datasets(paper id: String, scale: Scale, specRoot: URL) throws -> [String] {
        [try SpecLoader(root: specRoot).load(paper: id).resolved(scale: scale).data.dataset]
    }

    /// Every data set whose archives can be fetched without a login (`--all`; ImageNet needs `--from`).
    public static func allDownloadable(table: ArchiveTable = .official) -> [String] {
        DatasetCatalog.names.filter { table.sources[$0].map { $0.loginRequired == nil } ?? false }
    }

    /// The mirror: `--mirror`, else `$REPLICATE_DATA_MIRROR`; empty counts as unset.
    public static func mirror(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL? {
        guard let text = [explicit, environment[DatasetFetcher.mirrorVariable]].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            return nil
        }
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw InvalidMirror(given: text)
        }
        return url
    }

    /// Fetches `names` under `catalog.root` and returns the deep check of them (exit 2 if one is corrupt).
    public static func run(names: [String], catalog: DataCatalog, options: FetchOptions,
                           progress: FetchProgress) throws -> DataCheck.Result {
        let unique = names.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        try DatasetFetcher(options: options, progress: progress).fetch(unique)
        return try DataCheck.run(catalog: catalog, names: unique, deep: true, checksums: false)
    }

    /// The CLI's fetch: the official table, progress on standard error.
    public static func run(names: [String], catalog: DataCatalog, mirror: URL?, from: URL?, timeout: TimeInterval,
                           quiet: Bool) throws -> DataCheck.Result {
        try run(names: names, catalog: catalog,
                options: FetchOptions(root: catalog.root, mirror: mirror, from: from, timeout: timeout),
                progress: .standardError(quiet: quiet))
    }

    /// The command that gets `dataset` into `catalog`'s root, for messages about missing data.
    public static func command(for dataset: String, catalog: DataCatalog) -> String {
        let login = ArchiveTable.official.sources[dataset]?.loginRequired != nil
        return "replicate data fetch \(dataset)" + (login ? " --from DIR" : "")
            + (catalog.rootOrigin == "--data-root" ? " --data-root \(catalog.root.path)" : "")
    }
}

/// A fetch error is bad input or a bad environment (exit code 2), like missing data.
extension FetchError: UserInputError {}

/// `--mirror` (or `$REPLICATE_DATA_MIRROR`) that is not an http(s) URL.
public struct InvalidMirror: UserInputError {
    public var given: String
    public var description: String {
        "mirror '\(given)' is not an http(s) URL (a base URL holding each archive under its official file name, "
            + "e.g. https://mirror.example.org/datasets)"
    }
}
