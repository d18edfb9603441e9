import Testing
import Engine

@Test func cgroupQuotasParse() {
    #expect(HostResources.parseCPUMax("max 100000\n") == nil)
    #expect(HostResources.parseCPUMax("150000 100000\n") == 1.5)
    #expect(HostResources.parseCPUMax("garbage") == nil)
    #expect(HostResources.parseCFS(quota: "-1\n", period: "100000\n") == nil)
    #expect(HostResources.parseCFS(quota: "400000\n", period: "100000\n") == 4)
}

@Test func aRequestWinsOverTheHostAndSlurmOverOpenBLAS() {
    let env = ["OPENBLAS_NUM_THREADS": "1", "SLURM_CPUS_PER_TASK": "4"]
    #expect(HostResources.request(in: env)?.name == "SLURM_CPUS_PER_TASK")
    #expect(HostResources.request(in: ["OPENBLAS_NUM_THREADS": "1"])?.value == 1)
    #expect(HostResources.request(in: ["OPENBLAS_NUM_THREADS": "zero"]) == nil)
    let slurm = HostResources(affinityCPUs: 64, requested: ("SLURM_CPUS_PER_TASK", 4))
    #expect(slurm.workers == 4)
    #expect(slurm.source == "SLURM_CPUS_PER_TASK=4 (affinity 64 CPUs)")
}

@Test func affinityAndQuotaBoundTheWorkers() {
    #expect(HostResources(affinityCPUs: 2).workers == 2)
    #expect(HostResources(affinityCPUs: 16, cgroupQuota: 1.5).workers == 2)  // 1.5 CPUs run 2 threads
    #expect(HostResources(affinityCPUs: 4, cgroupQuota: 0.5).workers == 1)
    let big = HostResources(affinityCPUs: 64)
    #expect(big.workers == HostResources.maximumWorkers)
    #expect(big.source.hasSuffix("capped at \(HostResources.maximumWorkers)"))
}

@Test func thisProcessHasAtLeastOneCPU() {
    let r = HostResources.current(environment: [:])
    #expect(r.affinityCPUs >= 1 && r.workers >= 1)
    #expect(r.requested == nil)
    #expect(EngineContext.host(r).workers.count == r.workers)
}
