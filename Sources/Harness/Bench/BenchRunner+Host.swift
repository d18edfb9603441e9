import Engine

extension BenchRunner {
    /// What `replicate bench` prints before its figures: the CPU, the threads, the BLAS core and who chose it,
    /// and a warning when that core leaves vector width unused or computes wrong (figures are then not the
    /// engine's best on this host).
    public static func hostLines(threads: Int, cpu: CPUFeatures = .current(), core: BLASCore = .current(),
                                 resources: HostResources = .current()) -> [String] {
        var lines = ["host: \(cpu.model), \(cpu.isa); \(threads) threads (this process may use \(resources.workers): "
                     + "\(resources.source)); BLAS core \(core.description); oneDNN \(ConvBackend.oneDNNVersion)"]
        if BLASCore.isBelow(core.name, cpu: cpu) {
            let why = core.origin == .user
                ? "kept because OPENBLAS_CORETYPE set it (unset it to let replicate choose)"
                : "OpenBLAS does not know this CPU and no better core passed the self-check"
            lines.append("warning: BLAS core \(core.name) runs \(BLASCore.level(of: core.name)) kernels on a CPU with "
                         + "\(cpu.level); \(why)")
        }
        if let failure = BLASSelfCheck.run() { lines.append("warning: BLAS self-check failed: \(failure)") }
        return lines
    }
}
