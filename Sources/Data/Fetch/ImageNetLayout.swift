import Foundation

/// Lays out ILSVRC-2012 from its verified archives as torchvision's `ImageNet` does (`parse_devkit_archive`,
/// `parse_train_archive`, `parse_val_archive`): the devkit gives the classes and the validation labels;
/// `ILSVRC2012_img_train.tar`, a tar of per-class tars `<wnid>.tar`, becomes `train/<wnid>/*.JPEG`;
/// `ILSVRC2012_img_val.tar`'s flat images, in file-name order, go to `val/<wnid>/` by the devkit's ground truth.
/// Everything happens in the caller's staging folder, through `ArchiveExtractor` and its path checks; any
/// mismatch between the archives is `badArchive` naming the archive (and file in it), and nothing is renamed
/// into place.
struct ImageNetLayout {
    /// The verified `ILSVRC2012_img_train.tar`, `ILSVRC2012_img_val.tar` and `ILSVRC2012_devkit_t12.tar.gz`.
    let archives: [URL]
    /// The classes to keep (ImageNet-100's), or nil for all of meta.mat's.
    let subset: [String]?
    let progress: FetchProgress

    /// Builds `folder/{train,val}/<wnid>/` using scratch folders in `staging` (which the caller removes).
    func build(in staging: URL, folder: URL) throws {
        guard archives.count == 3 else { preconditionFailure("ILSVRC-2012 is three archives: train, val, devkit") }
        let (train, val, devkit) = (archives[0], archives[1], archives[2])
        let fm = FileManager.default

        progress.note("\(devkit.lastPathComponent): unpacking")
        let devkitDir = staging.appendingPathComponent("devkit", isDirectory: true)
        try ArchiveExtractor.extract(devkit, into: devkitDir)
        let kit = try ILSVRC2012Devkit.read(unpackedAt: devkitDir, archive: devkit.lastPathComponent)
        let known = Set(kit.classes.values)
        if let subset, let missing = subset.first(where: { !known.contains($0) }) {
            throw FetchError.badArchive(archive: devkit.lastPathComponent, reason: "\(ILSVRC2012Devkit.folder)/\(ILSVRC2012Devkit.metaFile) "
                + "has no class \(missing) of ImageNet-100")
        }
        let keep = subset.map(Set.init) ?? known

        // The per-class tars of the classes kept, then each unpacked into its class folder and deleted (as
        // torchvision does), so the disk holds the archive's contents about once, not twice.
        progress.note("\(train.lastPathComponent): unpacking \(keep.count) class archives")
        let tars = staging.appendingPathComponent("train-tars", isDirectory: true)
        try ArchiveExtractor.extract(train, into: tars) { entry in
            let wnid = entry.hasSuffix(".tar") ? String(entry.dropLast(4)) : ""
            guard TinyImageNet.isWordNetID(wnid) else {
                throw FetchError.badArchive(archive: train.lastPathComponent, reason: "it holds '\(entry)', not a per-class tar <wnid>.tar")
            }
            guard known.contains(wnid) else {
                throw FetchError.badArchive(archive: train.lastPathComponent, reason: "it holds \(entry), a class "
                    + "\(ILSVRC2012Devkit.metaFile) of \(devkit.lastPathComponent) does not list")
            }
            return keep.contains(wnid)
        }
        let trainDir = folder.appendingPathComponent(ImageNet.Split.train.rawValue, isDirectory: true)
        for wnid in keep.sorted() {
            let tar = tars.appendingPathComponent("\(wnid).tar")
            guard fm.fileExists(atPath: tar.path) else {
                throw FetchError.badArchive(archive: train.lastPathComponent, reason: "it has no \(wnid).tar "
                    + "(\(ILSVRC2012Devkit.metaFile) lists \(known.count) classes)")
            }
            let name = "\(wnid).tar in \(train.lastPathComponent)"
            let classDir = trainDir.appendingPathComponent(wnid, isDirectory: true)
            try ArchiveExtractor.extract(tar, into: classDir, name: name) { entry in
                guard !entry.contains("/") else {
                    throw FetchError.badArchive(archive: name, reason: "it holds '\(entry)', not an image file of the class")
                }
                return true
            }
            guard !((try? fm.contentsOfDirectory(atPath: classDir.path)) ?? []).isEmpty else {
                throw FetchError.badArchive(archive: name, reason: "it holds no images")
            }
            try fm.removeItem(at: tar)
        }

        progress.note("\(val.lastPathComponent): unpacking and sorting into class folders")
        let flat = staging.appendingPathComponent("val-flat", isDirectory: true)
        try ArchiveExtractor.extract(val, into: flat) { entry in
            guard !entry.contains("/") else {
                throw FetchError.badArchive(archive: val.lastPathComponent, reason: "it holds '\(entry)'; the validation images are flat files")
            }
            return true
        }
        // torchvision pairs the sorted file names with the ground truth's lines; so does this, but insists the
        // counts agree (zip would drop the surplus silently).
        let images = try fm.contentsOfDirectory(atPath: flat.path).sorted()
        if let folderEntry = images.first(where: { TinyImageNet.isDirectory(flat.appendingPathComponent($0)) }) {
            throw FetchError.badArchive(archive: val.lastPathComponent, reason: "it holds a folder '\(folderEntry)'; the validation images are flat files")
        }
        guard images.count == kit.validationLabels.count else {
            throw FetchError.badArchive(archive: val.lastPathComponent, reason: "it holds \(images.count) images but "
                + "\(ILSVRC2012Devkit.folder)/\(ILSVRC2012Devkit.groundTruthFile) of \(devkit.lastPathComponent) "
                + "lists \(kit.validationLabels.count) labels")
        }
        let valDir = folder.appendingPathComponent(ImageNet.Split.val.rawValue, isDirectory: true)
        for (image, id) in zip(images, kit.validationLabels) {
            let wnid = kit.classes[id]!  // the devkit reader checked every label is a class
            guard keep.contains(wnid) else { continue }
            let classDir = valDir.appendingPathComponent(wnid, isDirectory: true)
            try fm.createDirectory(at: classDir, withIntermediateDirectories: true)
            try fm.moveItem(at: flat.appendingPathComponent(image), to: classDir.appendingPathComponent(image))
        }
        for scratch in [devkitDir, tars, flat] { try? fm.removeItem(at: scratch) }
    }
}
