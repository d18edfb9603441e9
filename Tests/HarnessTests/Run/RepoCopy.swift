import Foundation
@testable import Harness

/// A scratch copy of the repository's `papers/` and `expected/` (tests that edit or add specs work on it).
enum RepoCopy {
    static func make() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["papers", "expected"] {
            try FileManager.default.copyItem(at: ReportFixtures.repoRoot.appendingPathComponent(folder),
                                             to: root.appendingPathComponent(folder))
        }
        return root
    }
}
