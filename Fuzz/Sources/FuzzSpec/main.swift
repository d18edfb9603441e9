import Foundation
import FuzzSupport
import Harness

/// The repository's recipe fragments, copied beside the fuzzed spec once so that `include:` lines resolve and the
/// fuzzer reaches the recipe checks behind them.
private let prepared: Bool = {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..")
    let recipes = repository.appendingPathComponent("papers/recipes").standardizedFileURL
    for name in (try? FileManager.default.contentsOfDirectory(atPath: recipes.path)) ?? [] {
        if let text = FileManager.default.contents(atPath: recipes.appendingPathComponent(name).path) {
            ScratchFiles.write([UInt8](text), to: "papers/recipes/\(name)")
        }
    }
    return true
}()

/// The spec loader on arbitrary bytes: the input is `papers/fuzz.yaml` and `expected/fuzz.yaml` (split at the
/// separator; the table is read once the paper loads). Any outcome but a spec or a thrown `SpecError` is a
/// finding (a trap, a hang, memory exhaustion).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpec(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    _ = prepared
    let parts = splitParts(UnsafeRawBufferPointer(start: data, count: count), count: 2)
    ScratchFiles.write(parts[0], to: "papers/fuzz.yaml")
    ScratchFiles.write(parts[1], to: "expected/fuzz.yaml")
    let loader = SpecLoader(root: ScratchFiles.root)
    do { _ = try loader.load(paper: "fuzz") } catch is SpecError {} catch {
        fatalError("the spec loader threw a non-spec error: \(error)")
    }
    do { _ = try loader.loadExpected(paper: "fuzz") } catch is SpecError {} catch {
        fatalError("the expected-table loader threw a non-spec error: \(error)")
    }
    return 0
}

@_cdecl("FuzzSpec_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzSpec)
}
