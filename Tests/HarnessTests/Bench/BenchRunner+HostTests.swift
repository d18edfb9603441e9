import Testing
import Engine
@testable import Harness

@Test func benchWarnsWhenTheBLASCoreLeavesTheCPUsVectorWidthUnused() {
    let cpu = CPUFeatures(vendor: "GenuineIntel", model: "Xeon", flags: ["avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq"])
    let host = HostResources(affinityCPUs: 2)
    let generic = BenchRunner.hostLines(threads: 2, cpu: cpu, core: BLASCore(name: "Prescott", origin: .library, rejected: []),
                                        resources: host)
    #expect(generic[0].contains("Xeon, AVX-512") && generic[0].contains("BLAS core Prescott (OpenBLAS's own choice)"))
    #expect(generic.contains { $0.hasPrefix("warning: BLAS core Prescott runs SSE kernels on a CPU with AVX-512") })
    let users = BenchRunner.hostLines(threads: 2, cpu: cpu, core: BLASCore(name: "Haswell", origin: .user, rejected: []),
                                      resources: host)
    #expect(users.contains { $0.contains("kept because OPENBLAS_CORETYPE set it") })
    let best = BenchRunner.hostLines(threads: 2, cpu: cpu, core: BLASCore(name: "SkylakeX", origin: .replicate, rejected: []),
                                     resources: host)
    #expect(!best.contains { $0.hasPrefix("warning: BLAS core") })
    #expect(best[0].contains("chosen by replicate for this CPU"))
}
