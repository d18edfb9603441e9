import Testing
import Engine

let avx512CPU = CPUFeatures(vendor: "AuthenticAMD", model: "AMD EPYC",
                            flags: ["sse3", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_bf16"])
let avx2CPU = CPUFeatures(vendor: "AuthenticAMD", model: "AMD EPYC 7551", flags: ["sse3", "avx", "avx2", "fma"])

@Test func cpuinfoGivesVendorModelAndLevel() {
    let text = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel Xeon\nflags\t\t: fpu sse3 avx avx2 fma avx512f avx512bw avx512vl avx512dq avx512_vnni\n\nprocessor\t: 1\n"
    let cpu = CPUFeatures.parse(text)
    #expect(cpu.vendor == "GenuineIntel" && cpu.model == "Intel Xeon")
    #expect(cpu.level == .avx512)
    #expect(cpu.isa == "AVX-512 (vnni)")
    #expect(avx2CPU.level == .avx2 && avx2CPU.isa == "AVX2+FMA")
}

@Test func aGenericCoreOnAWideCPUIsNoticed() {
    #expect(BLASCore.isBelow("Prescott", cpu: avx512CPU))
    #expect(BLASCore.isBelow("Haswell", cpu: avx512CPU))
    #expect(!BLASCore.isBelow("SkylakeX", cpu: avx512CPU))
    #expect(!BLASCore.isBelow("Zen", cpu: avx2CPU))
    #expect(BLASCore.isBelow("Prescott", cpu: avx2CPU))
}

@Test func replicateChoosesOnlyWhenNoCoreWasSet() {
    // The user's core is honoured, even a generic one.
    #expect(BLASCore.replacement(inUse: "Prescott", selfCheckPassed: true, cpu: avx512CPU,
                                 environment: ["OPENBLAS_CORETYPE": "Prescott"]) == nil)
    #expect(BLASCore.replacement(inUse: "Haswell", selfCheckPassed: false, cpu: avx512CPU,
                                 environment: ["OPENBLAS_CORETYPE": "Haswell"]) == nil)
    // Nothing set: a generic fallback is replaced by the best candidate for the CPU.
    #expect(BLASCore.replacement(inUse: "Prescott", selfCheckPassed: true, cpu: avx512CPU, environment: [:]) == "Cooperlake")
    #expect(BLASCore.replacement(inUse: "Prescott", selfCheckPassed: true, cpu: avx2CPU, environment: [:]) == "Zen")
    // The library's own good choice stays.
    #expect(BLASCore.replacement(inUse: "Cooperlake", selfCheckPassed: true, cpu: avx512CPU, environment: [:]) == nil)
}

@Test func aCoreThatComputesWrongIsReplacedByTheNextCandidate() {
    // Our own choice failed its self-check: the next candidate, never one already rejected.
    let env = ["OPENBLAS_CORETYPE": "Cooperlake", BLASCore.choiceVariable: "Cooperlake"]
    #expect(BLASCore.replacement(inUse: "Cooperlake", selfCheckPassed: false, cpu: avx512CPU, environment: env) == "SkylakeX")
    let env2 = ["OPENBLAS_CORETYPE": "SkylakeX", BLASCore.choiceVariable: "SkylakeX", BLASCore.rejectedVariable: "Cooperlake"]
    #expect(BLASCore.replacement(inUse: "SkylakeX", selfCheckPassed: false, cpu: avx512CPU, environment: env2) == "Haswell")
    let env3 = ["OPENBLAS_CORETYPE": "Haswell", BLASCore.choiceVariable: "Haswell", BLASCore.rejectedVariable: "Cooperlake,SkylakeX"]
    #expect(BLASCore.replacement(inUse: "Haswell", selfCheckPassed: false, cpu: avx512CPU, environment: env3) == nil)
    // The library's own choice computing wrong is replaced too.
    #expect(BLASCore.replacement(inUse: "Cooperlake", selfCheckPassed: false, cpu: avx512CPU, environment: [:]) == "SkylakeX")
}

@Test func theOriginOfTheCoreIsRecorded() {
    #expect(BLASCore.current(environment: [:]).origin == .library)
    #expect(BLASCore.current(environment: ["OPENBLAS_CORETYPE": "Haswell"]).origin == .user)
    #expect(BLASCore.current(environment: ["OPENBLAS_CORETYPE": "SkylakeX", BLASCore.choiceVariable: "SkylakeX"]).origin == .replicate)
    #expect(!BLASCore.inUse.isEmpty)
}

@Test func theCoreInUseComputesSgemmRight() {
    #expect(BLASSelfCheck.run() == nil)
    #expect(BLASSelfCheck.run(blas: BLAS(threads: 2)) == nil)
}
