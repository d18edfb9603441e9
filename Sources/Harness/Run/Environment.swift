import Foundation
import Engine

/// What the report records about the machine and software a run used.
public enum Environment {
    /// `repository`: the checkout the specs were read from, whose commit is recorded (default: the current folder).
    public static func current(dataRoot: URL, threads: EngineThreads = .host(),
                               repository: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> [String: String] {
        var env: [String: String] = [:]
        env["cpu"] = cpuModel()
        env["cores"] = "\(ProcessInfo.processInfo.activeProcessorCount)"
        env["blas"] = BLAS.configuration
        for (k, v) in engine(threads) { env[k] = v }
        env["os"] = ProcessInfo.processInfo.operatingSystemVersionString
        env["swift"] = swiftVersion
        env["engine.version"] = "\(TrialConfig.engineVersion)"
        env["data.root"] = dataRoot.path
        if let commit = gitCommit(at: repository) { env["git.commit"] = commit }
        return env
    }

    /// The engine's threads and where they came from, the BLAS core and the ISA: what a result's bits depend on.
    public static func engine(_ threads: EngineThreads, resources: HostResources = .current()) -> [String: String] {
        let core = BLASCore.current(), cpu = CPUFeatures.current()
        var env: [String: String] = [:]
        env["threads"] = "\(threads.workers)"
        env["engine.workers"] = "\(threads.workers) (host: \(resources.source))"
        env["blas.threads"] = "\(threads.blasThreads)"
        env["blas.core"] = core.description
        env["blas.selfcheck"] = BLASSelfCheck.run().map { "FAILED: \($0)" } ?? "passed (sgemm against a Double reference)"
        env["cpu.isa"] = cpu.isa
        let conv = threads.conv ?? .im2col
        env["conv.path"] = conv.rawValue + (conv == .measured ? " (per geometry the faster of im2col and oneDNN, kept in "
                                                + ConvPathCache.defaultURL().path + ")" : "")
        let products = threads.products ?? .im2col
        env["probe.products"] = products == .im2col ? "OpenBLAS" : products.rawValue
            + (products == .measured ? " (per shape the faster of OpenBLAS and oneDNN, kept in the same file)" : "")
        env["onednn.version"] = ConvBackend.oneDNNIdentity
        let layout = threads.activationLayout.map { "\($0) (channel-blocked between oneDNN convs)" } ?? "CNHW"
        env["activations.layout"] = layout
        env["determinism"] = "same inputs give the same bits for the same workers (\(threads.workers)), BLAS threads "
            + "(\(threads.blasThreads)), BLAS core (\(core.name)), ISA (\(cpu.level)), conv path (\(conv.rawValue)), activation layout "
            + "(\(layout)) and probe products' path (\(products.rawValue)); the thread counts, paths and layout are in the trial key"
        return env
    }

    static var swiftVersion: String {
        #if compiler(>=6.3)
        return "6.3+"
        #elseif compiler(>=6.0)
        return "6.x"
        #else
        return "5.x"
        #endif
    }

    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        }
        return "unknown"
    }

    /// The checkout's HEAD commit, read from `.git` without running git.
    static func gitCommit(at dir: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> String? {
        var gitDir = dir.appendingPathComponent(".git")
        if let pointer = try? String(contentsOf: gitDir, encoding: .utf8), pointer.hasPrefix("gitdir:") {  // worktree
            gitDir = URL(fileURLWithPath: pointer.dropFirst(7).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard let head = try? String(contentsOf: gitDir.appendingPathComponent("HEAD"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard head.hasPrefix("ref: ") else { return head }
        let ref = String(head.dropFirst(5))
        let common = (try? String(contentsOf: gitDir.appendingPathComponent("commondir"), encoding: .utf8))
            .map { gitDir.appendingPathComponent($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? gitDir
        for base in [gitDir, common] {
            if let c = try? String(contentsOf: base.appendingPathComponent(ref), encoding: .utf8) {
                return c.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if let packed = try? String(contentsOf: base.appendingPathComponent("packed-refs"), encoding: .utf8) {
                for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) { return String(line.prefix(40)) }
            }
        }
        return nil
    }
}
