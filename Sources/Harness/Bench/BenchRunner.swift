import Engine

/// Runs the bench workloads with the README's protocol and collects `BenchResult`s.
public struct BenchRunner {
    public struct Options: Sendable {
        /// Cores for BLAS and the engine's parallel loops.
        public var threads: Int
        /// Overrides the workload's `B` (images per view), e.g. 128 for the smoke scale's batch.
        public var batchPerView: Int?
        /// Overrides the number of timed groups.
        public var measurements: Int?
        /// Seconds after which timing stops (once 3 groups are done).
        public var budget: Double = 150
        /// Also split a few extra steps by phase and op kind.
        public var profile = false
        /// W4: epochs of minibatch SGD per run, and runs.
        public var probeEpochs = 100, probeRuns = 3
        /// Which implementation runs the convolutions (im2col, as in trials, unless asked).
        public var convPath: ConvPath = .im2col
        /// Where `.measured` keeps its decisions.
        public var convCache: ConvPathCache?
        /// Keep activations channel-blocked between oneDNN convs (`EngineContext.blockedLayout`).
        public var blockedLayout = false

        public init(threads: Int) { self.threads = threads }
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    /// The engine context of every workload: `options.threads` workers and BLAS threads, `options.convPath`.
    public var context: EngineContext {
        EngineContext(workers: options.threads, blasThreads: options.threads, convPath: options.convPath,
                      convCache: options.convCache, blockedLayout: options.blockedLayout)
    }

    public func run(_ workload: BenchWorkload) -> BenchResult {
        if let w = workload.simclr { return runSimCLR(workload.rawValue, options.batchPerView.map(w.with) ?? w) }
        if workload == .data { return runData() }
        return .probe(runProbe())
    }

    func runSimCLR(_ id: String, _ w: SimCLRWorkload) -> BenchResult {
        let context = self.context
        guard let bench = SimCLRStepBench(w, context: context) else {
            return .unavailable(workload: id, reason: "model \(w.backbone) not available yet")
        }
        let peak = SgemmProbe.gflops(blas: context.blas)
        let timer = BenchTimer(warmup: w.warmup, measurements: options.measurements ?? w.measurements, steps: w.steps,
                               budget: options.budget)
        var last: Float = 0
        let times = timer.run { last = bench.step() }
        let spread = Spread(times)
        let gflops = w.flopsPerStep / spread.median / 1e9
        var result = SimCLRBenchResult(
            workload: id, model: w.name, batchPerView: w.batchPerView, imagesPerStep: w.imagesPerStep,
            parameters: bench.parameterCount, referenceParameters: w.parameters, threads: options.threads,
            warmupSteps: w.warmup, stepsPerMeasurement: w.steps, measurements: times.count, stepSeconds: spread,
            imagesPerSecond: spread.map { Double(w.imagesPerStep) / $0 }, flopsPerStep: w.flopsPerStep,
            exactFlopsPerStep: w.exactFlopsPerStep, gflopsMedian: gflops, sgemmGflops: peak,
            shareOfSgemmPeak: gflops / peak, finalLoss: Double(last), peakRSSMegabytes: PeakRSS.megabytes(),
            convPath: options.convPath.rawValue, determinism: context.determinism,
            convPaths: context.conv.decisions.map { ConvPathEntry(geometry: ConvBackend.label($0.geometry), path: $0.path.rawValue,
                                                                  detail: $0.detail) },
            profile: nil)
        if options.profile { result.profile = profile(bench, steps: w.steps, peak: peak) }
        return .simclr(result)
    }

    /// The augmentation pipeline on the calling thread, one core (the prefetcher gives training one such thread).
    func runData() -> BenchResult {
        do {
            return .data(try DataWorkload.standard.map { w in
                var w = w
                if let b = options.batchPerView { w.batchSize = b }
                return try w.run()
            })
        } catch {
            return .unavailable(workload: "data", reason: "\(error)")
        }
    }

    func profile(_ bench: SimCLRStepBench, steps: Int, peak: Double) -> BenchProfile {
        let phases = PhaseTimes(), ops = OpProfile()
        let t0 = BenchTimer.now()
        for _ in 0..<steps { bench.step(phases: phases, profile: ops) }
        let total = (BenchTimer.now() - t0) / Double(steps)
        let seconds = ops.seconds, flops = ops.flops
        let phaseEntries = PhaseTimes.Phase.allCases.map { p in
            let s = phases.seconds[p.rawValue] / Double(steps)
            return BenchProfile.Entry(name: p.label, secondsPerStep: s, share: s / total, gflops: nil)
        }
        var opEntries = OpProfile.Kind.allCases.compactMap { k -> BenchProfile.Entry? in
            let s = seconds[k]! / Double(steps)
            guard s > 0 else { return nil }
            let f = flops[k]!
            return BenchProfile.Entry(name: k.label, secondsPerStep: s, share: s / total,
                                      gflops: f > 0 ? f / seconds[k]! / 1e9 : nil)
        }
        let covered = opEntries.reduce(0) { $0 + $1.secondsPerStep } + phaseEntries[PhaseTimes.Phase.optimizer.rawValue].secondsPerStep
            + phaseEntries[PhaseTimes.Phase.zeroGrad.rawValue].secondsPerStep
        opEntries.append(.init(name: "not in an op (tape, allocation, optimizer excluded)",
                               secondsPerStep: total - covered, share: (total - covered) / total, gflops: nil))
        let convKinds = OpProfile.Kind.conv
        let convTime = convKinds.reduce(0) { $0 + seconds[$1]! }, convFlops = convKinds.reduce(0) { $0 + flops[$1]! }
        let convGflops = convTime > 0 ? convFlops / convTime / 1e9 : nil
        return BenchProfile(steps: steps, stepSeconds: total, phases: phaseEntries, ops: opEntries,
                            convGflops: convGflops, convShareOfSgemmPeak: convGflops.map { $0 / peak },
                            convReorderShare: convTime > 0 ? seconds[.convReorder]! / convTime : nil,
                            reorderShareOfStep: (seconds[.convReorder]! + seconds[.layoutReorder]!) / Double(steps) / total)
    }

    func runProbe() -> ProbeBenchResult {
        var probe = LinearProbeBench()
        let context = self.context  // one context, so its product paths are the ones the runs took
        probe.context = context
        let epochs = options.probeEpochs, batch = 256
        var times: [Double] = [], acc = 0.0
        for r in 0..<max(1, options.probeRuns) {
            let t = BenchTimer.now()
            acc = probe.sgdRun(epochs: epochs, batch: batch, seed: UInt64(r))
            times.append(BenchTimer.now() - t)
        }
        let spread = Spread(times)
        let steps = probe.steps(epochs: epochs, batch: batch)
        var lbfgsTimes: [Double] = [], lbfgsAccuracy = 0.0
        for _ in 0..<max(1, options.probeRuns) {
            let t = BenchTimer.now()
            lbfgsAccuracy = probe.lbfgsRun()
            lbfgsTimes.append(BenchTimer.now() - t)
        }
        return ProbeBenchResult(workload: "W4", threads: options.threads, samples: probe.count, dim: probe.dim,
                                classes: probe.classes, epochs: epochs, batch: batch, steps: steps, runs: times.count,
                                wallSeconds: spread, microsecondsPerStepMedian: spread.median / Double(steps) * 1e6,
                                trainAccuracy: acc,
                                lbfgs: LBFGSBenchResult(iterations: 100, wallSeconds: Spread(lbfgsTimes), trainAccuracy: lbfgsAccuracy,
                                                        productPaths: context.matmul.decisions.map {
                                                            ConvPathEntry(geometry: $0.shape, path: $0.path.rawValue, detail: $0.detail)
                                                        }))
    }
}
