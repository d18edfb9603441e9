import Foundation

/// Where and how `DatasetFetcher` gets archives.
public struct FetchOptions: Sendable {
    /// The data root the data sets are laid out under.
    public var root: URL
    /// A base URL holding every archive under its official file name (replaces the official locations).
    public var mirror: URL?
    /// A folder holding archives already downloaded, under their official names (no network used).
    public var from: URL?
    /// Seconds without a byte from a server before giving up.
    public var timeout: TimeInterval = 60
    /// Archives and their checksums: the official table, or a test's own.
    public var table: ArchiveTable = .official

    public init(root: URL, mirror: URL? = nil, from: URL? = nil, timeout: TimeInterval = 60, table: ArchiveTable = .official) {
        self.root = root; self.mirror = mirror; self.from = from; self.timeout = timeout; self.table = table
    }
}

/// Downloads data sets' official archives, verifies their MD5s and lays them out under the data root as the
/// readers expect. Archives go to `<root>/archives/<name>.part` and are renamed to `<name>` only once their
/// checksum matches (a mismatch is set aside as `<name>.checksum-mismatch`); a `.part` left by an interrupted
/// run is resumed. Unpacking happens in `<root>/.staging-<dataset>-<pid>/`, and only the finished folder is
/// renamed into place, so the readers never see half a data set.
public final class DatasetFetcher {
    /// The environment variable naming a mirror when `--mirror` is not given.
    public static let mirrorVariable = "REPLICATE_DATA_MIRROR"
    /// The folder under the data root that keeps the verified archives.
    public static let archivesFolder = "archives"

    public let options: FetchOptions
    let progress: FetchProgress

    public init(options: FetchOptions, progress: FetchProgress) {
        self.options = options; self.progress = progress
    }

    var root: URL { options.root }
    var archives: URL { root.appendingPathComponent(Self.archivesFolder, isDirectory: true) }

    /// Fetches each data set in `names` that is not already present; returns the names it laid out.
    @discardableResult
    public func fetch(_ names: [String]) throws -> [String] {
        let sources = try names.map { try options.table.source($0) }
        try prepareRoot()
        var fetched: [String] = []
        for source in sources {
            let dataset = source.dataset
            let status = try DatasetCatalog.check(dataset, root: root)
            if status.state == .present {
                progress.note("\(dataset): present in \(status.directory.path), not downloaded again")
                continue
            }
            if let note = source.loginRequired {
                guard options.from != nil else {
                    throw FetchError.loginRequired(dataset: dataset, note: note, files: source.archives.map(\.fileName))
                }
            }
            let files = try source.archives.map { try obtain($0, dataset: dataset) }
            try install(source, files: files)
            fetched.append(dataset)
        }
        return fetched
    }

    /// Creates the root if needed and checks it can be written (a read-only root fails here, before any download).
    func prepareRoot() throws {
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw FetchError.notWritable(path: root.path, reason: (error as NSError).localizedDescription)
        }
        let probe = root.appendingPathComponent(".replicate-write-test-\(getpid())").path
        let fd = open(probe, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard fd >= 0 else { throw FetchError.notWritable(path: root.path, reason: String(cString: strerror(errno))) }
        close(fd)
        unlink(probe)
    }

    /// A verified copy of `archive`: from `--from`, from an earlier run, or downloaded now.
    func obtain(_ archive: DatasetArchive, dataset: String) throws -> URL {
        let fm = FileManager.default
        if let from = options.from {
            let file = from.appendingPathComponent(archive.fileName)
            guard fm.fileExists(atPath: file.path) else { throw FetchError.missingArchive(path: file.path, dataset: dataset) }
            let found = try Checksum.md5.hex(file: file.path)
            guard found == archive.md5 else {
                throw FetchError.checksumMismatch(file: file.path, expected: archive.md5, found: found, keptAt: nil, url: nil)
            }
            progress.note("\(archive.fileName): md5 verified (\(file.path))")
            return file
        }
        do { try fm.createDirectory(at: archives, withIntermediateDirectories: true) } catch {
            throw FetchError.notWritable(path: archives.path, reason: (error as NSError).localizedDescription)
        }
        let final = archives.appendingPathComponent(archive.fileName)
        let part = archives.appendingPathComponent(archive.fileName + ".part")
        let url = archive.location(mirror: options.mirror)
        if fm.fileExists(atPath: final.path) {
            // Verified when it was renamed; checked again in case it changed since.
            let found = try Checksum.md5.hex(file: final.path)
            if found == archive.md5 { progress.note("\(archive.fileName): already downloaded (\(final.path))"); return final }
            throw setAside(final, archive: archive, found: found, url: url)
        }
        let existing = (try? fm.attributesOfItem(atPath: part.path)[.size] as? NSNumber)?.int64Value ?? 0
        let file = progress.file(archive.fileName, from: url)
        let downloader = Downloader(url: url, part: part, timeout: options.timeout, progress: file) { remaining in
            guard let remaining else { return }
            // The archive's remaining bytes now, and about its whole size again once unpacked.
            try self.requireSpace(remaining + (archive.layout == .unpack ? existing + remaining : 0))
        }
        _ = try downloader.run()
        file.finish()
        let found = try Checksum.md5.hex(file: part.path)
        guard found == archive.md5 else { throw setAside(part, archive: archive, found: found, url: url) }
        try fm.moveItem(at: part, to: final)
        return final
    }

    /// Moves a file that failed its checksum to `<name>.checksum-mismatch` and returns the error saying so.
    private func setAside(_ file: URL, archive: DatasetArchive, found: String, url: URL) -> FetchError {
        let bad = archives.appendingPathComponent(archive.fileName + ".checksum-mismatch")
        try? FileManager.default.removeItem(at: bad)
        let kept = (try? FileManager.default.moveItem(at: file, to: bad)) != nil ? bad.path : file.path
        return FetchError.checksumMismatch(file: archive.fileName, expected: archive.md5, found: found, keptAt: kept,
                                           url: url.absoluteString)
    }

    /// Unpacks (or places) the verified files in a staging folder, then renames the data set's folder into place.
    func install(_ source: DatasetSource, files: [URL]) throws {
        let fm = FileManager.default
        var sizes = files.map { (try? fm.attributesOfItem(atPath: $0.path)[.size] as? NSNumber)?.int64Value ?? 0 }
        // ImageNet-100 unpacks only a tenth of ILSVRC2012_img_train.tar's per-class tars (100 of 1,000 classes).
        if source.assembly == .ilsvrc2012(subset: true), !sizes.isEmpty { sizes[0] /= 10 }
        try requireSpace(sizes.reduce(0, +))
        removeAbandonedStaging(source.dataset)
        let staging = root.appendingPathComponent(".staging-\(source.dataset)-\(getpid())", isDirectory: true)
        try? fm.removeItem(at: staging)
        defer { try? fm.removeItem(at: staging) }
        let built = staging.appendingPathComponent(source.folder, isDirectory: true)
        if case let .ilsvrc2012(subset) = source.assembly {
            try ImageNetLayout(archives: files, subset: subset ? ImageNet.imageNet100Classes() : nil, progress: progress)
                .build(in: staging, folder: built)
        }
        for (archive, file) in zip(source.archives, files) where source.assembly == .eachArchive {
            switch archive.layout {
            case .unpack:
                progress.note("\(archive.fileName): unpacking")
                try ArchiveExtractor.extract(file, into: staging)
            case .place:
                try fm.createDirectory(at: built, withIntermediateDirectories: true)
                try fm.copyItem(at: file, to: built.appendingPathComponent(archive.fileName))
            }
        }
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: built.path, isDirectory: &isDir), isDir.boolValue else {
            throw FetchError.badArchive(archive: files.map(\.lastPathComponent).joined(separator: ", "),
                                        reason: "it holds no folder \(source.folder)/")
        }
        let target = root.appendingPathComponent(source.folder, isDirectory: true)
        if fm.fileExists(atPath: target.path) {
            // An incomplete or corrupt copy: kept, not deleted, in case it holds something the user wants.
            let aside = root.appendingPathComponent("\(source.folder).replaced-\(Int(Date().timeIntervalSince1970))")
            try fm.moveItem(at: target, to: aside)
            progress.note("\(source.dataset): the incomplete \(target.path) was moved to \(aside.path)")
        }
        try fm.moveItem(at: built, to: target)
        progress.note("\(source.dataset): laid out in \(target.path)")
    }

    /// Removes staging folders of `dataset` left by runs that were killed while unpacking (their process is gone);
    /// a run still unpacking in another process keeps its own.
    func removeAbandonedStaging(_ dataset: String) {
        let prefix = ".staging-\(dataset)-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: root.appendingPathComponent(name))
            progress.note("\(dataset): removed \(name), left by an interrupted run")
        }
    }

    /// Throws `diskFull` unless the data root's file system has `bytes` free.
    func requireSpace(_ bytes: Int64) throws {
        var s = statvfs()
        guard statvfs(root.path, &s) == 0 else { return }
        let free = Int64(s.f_bavail) * Int64(s.f_frsize)
        if bytes > free { throw FetchError.diskFull(path: root.path, needed: bytes, available: free) }
    }
}
