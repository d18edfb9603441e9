import ArgumentParser
import Foundation
import Harness

extension DataCommand {
    /// `replicate data fetch <dataset>… | --paper ID [--scale S] | --all [--data-root DIR] [--mirror URL]
    /// [--from DIR] [--quiet]`.
    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fetch",
            abstract: "Download, verify and unpack data sets into the data root, then check them as data check --deep does.",
            discussion: """
                Downloads each data set's official archives (or takes them from --mirror URL, a base URL holding \
                each archive under its official file name, or from --from DIR, a folder of archives already \
                downloaded), checks the MD5 its publisher lists, and unpacks it into the layout the readers expect. \
                Archives are kept in <data-root>/archives; an interrupted download resumes; a data set already \
                present is not downloaded again. ImageNet needs a login on its site: --from only, with DIR holding \
                ILSVRC2012_img_train.tar, ILSVRC2012_img_val.tar and ILSVRC2012_devkit_t12.tar.gz (laid out as \
                torchvision's ImageNet does; imagenet100 keeps CMC's 100 classes).
                """)

        @Argument(help: "Data sets by their spec names (cifar10, cifar100, stl10, tiny-imagenet, fashion-mnist, …).")
        var names: [String] = []
        @Option(help: "Fetch what this paper reads at --scale.") var paper: String?
        @Option(help: "Scale of --paper: smoke, reduced or full.") var scale: String = "full"
        @Flag(help: "Every data set that can be downloaded without a login.") var all = false
        @Option(help: "Folder holding the data sets (default $REPLICATE_DATA, else /usr/share/datasets).")
        var dataRoot: String?
        @Option(help: "Base URL of a mirror holding the archives under their official names (default $REPLICATE_DATA_MIRROR).")
        var mirror: String?
        @Option(help: "Folder holding archives already downloaded, under their official names.") var from: String?
        @Option(help: "Seconds without a byte from a server before giving up.") var timeout: Double = 60
        @Option(help: "Repository checkout holding papers/ (for --paper).")
        var root: String = FileManager.default.currentDirectoryPath
        @Flag(help: "No progress output.") var quiet = false

        func validate() throws {
            let modes = [!names.isEmpty, paper != nil, all].filter { $0 }.count
            guard modes == 1 else { throw ValidationError("give data set names, --paper ID or --all (one of them)") }
            guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        }

        func run() throws {
            let catalog = DataCatalog(explicitRoot: dataRoot)
            var wanted = names
            if let paper {
                guard let s = Scale(rawValue: scale) else { throw UnknownScale(given: scale) }
                wanted = try DataFetch.datasets(paper: paper, scale: s, specRoot: URL(fileURLWithPath: root))
            } else if all {
                wanted = DataFetch.allDownloadable()
            }
            let result = try DataFetch.run(names: wanted, catalog: catalog, mirror: try DataFetch.mirror(explicit: mirror),
                                           from: from.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) },
                                           timeout: timeout, quiet: quiet)
            print(result.text)
            if !result.corrupt.isEmpty { throw DataCheckFailed(names: result.corrupt) }
        }
    }
}
