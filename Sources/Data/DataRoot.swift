import Foundation

/// The folder under which data sets live (`<root>/fashion-mnist/`, `<root>/cifar-10-batches-bin/`, …).
public enum DataRoot {
    /// The environment variable consulted when no `--data-root` is given.
    public static let environmentVariable = "REPLICATE_DATA"
    /// Where Debian's `dataset-*` packages install data sets.
    public static let systemDefault = "/usr/share/datasets"

    /// The root in order of precedence: the explicit `--data-root` value, `$REPLICATE_DATA`, `/usr/share/datasets`.
    /// Empty strings count as unset. `~` is expanded.
    public static func resolve(explicit: String?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let chosen = [explicit, environment[environmentVariable]].compactMap { $0 }.first { !$0.isEmpty }
            ?? systemDefault
        return URL(fileURLWithPath: (chosen as NSString).expandingTildeInPath, isDirectory: true).standardizedFileURL
    }

    /// The folder holding a data set's files: `<root>/<subfolder>` if it exists, else `root` itself when it
    /// directly holds `probe` (so `--data-root /usr/share/datasets/fashion-mnist` works), else `<root>/<subfolder>`
    /// (whose missing file the caller then reports).
    public static func locate(subfolder: String, probe: String, in root: URL) -> URL {
        let fm = FileManager.default
        let nested = root.appendingPathComponent(subfolder, isDirectory: true)
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: nested.path, isDirectory: &isDir), isDir.boolValue { return nested }
        if fm.fileExists(atPath: root.appendingPathComponent(probe).path) { return root }
        return nested
    }
}
