/// What `replicate bench` measured for one workload (one JSON line each with `--json`).
public enum BenchResult: Sendable {
    case simclr(SimCLRBenchResult)
    case probe(ProbeBenchResult)
    /// The augmentation pipeline's throughput (`--workload data`).
    case data([DataWorkload.Result])
    /// The workload cannot run yet (e.g. its model is not in `BackboneRegistry`).
    case unavailable(workload: String, reason: String)
}

/// Timing of a SimCLR-step workload (W1-W3), with the README's FLOP counts.
public struct SimCLRBenchResult: Codable, Sendable {
    public var workload: String
    public var model: String
    public var batchPerView: Int
    public var imagesPerStep: Int
    public var parameters: Int
    /// The README's count for the reference model; differs from `parameters` only if the model does.
    public var referenceParameters: Int
    public var threads: Int
    public var warmupSteps: Int
    public var stepsPerMeasurement: Int
    public var measurements: Int
    public var stepSeconds: Spread
    public var imagesPerSecond: Spread
    /// `3 × 2 × MACs` per step (README "x3") and without the first conv's input gradient.
    public var flopsPerStep: Double
    public var exactFlopsPerStep: Double
    /// `flopsPerStep` over the median step time.
    public var gflopsMedian: Double
    /// `BLAS.gemm` 1024³ in the same process, GFLOP/s.
    public var sgemmGflops: Double
    /// `gflopsMedian / sgemmGflops`.
    public var shareOfSgemmPeak: Double
    public var finalLoss: Double
    /// The process's peak RSS after the workload, MiB (see `PeakRSS`).
    public var peakRSSMegabytes: Double
    /// The conv path asked for (`im2col`, `onednn`, `measured`) and what the step's bits depend on with it.
    public var convPath: String?
    public var determinism: String?
    /// Per conv geometry of the step, the path it took.
    public var convPaths: [ConvPathEntry]?
    public var profile: BenchProfile?
}

/// The path one conv geometry took: `3x3 s1 p1, 64->128, 512x32x32` → `onednn`, with oneDNN's implementations
/// or why im2col.
public struct ConvPathEntry: Codable, Sendable {
    public var geometry: String
    public var path: String
    public var detail: String
}

/// Where a step's time goes: per phase (measured around the step's parts) and per op kind (inside ops).
public struct BenchProfile: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var name: String
        public var secondsPerStep: Double
        /// Of the profiled step time.
        public var share: Double
        /// For GEMM kinds: GFLOP/s achieved inside them.
        public var gflops: Double?
    }

    public var steps: Int
    public var stepSeconds: Double
    public var phases: [Entry]
    public var ops: [Entry]
    /// Convolution FLOPs over all conv time (GEMMs, im2col, col2im), GFLOP/s, and as a share of sgemm.
    public var convGflops: Double?
    public var convShareOfSgemmPeak: Double?
    /// Of all conv time, the share spent reordering between the engine's layout and oneDNN's (0 on im2col).
    public var convReorderShare: Double?
    /// Of the step, the share spent on every layout reorder: the convs' and those at a blocked chain's edges.
    public var reorderShareOfStep: Double?
}

/// Timing of the W4 linear probe.
public struct ProbeBenchResult: Codable, Sendable {
    public var workload: String
    public var threads: Int
    public var samples: Int, dim: Int, classes: Int
    public var epochs: Int, batch: Int, steps: Int
    public var runs: Int
    public var wallSeconds: Spread
    public var microsecondsPerStepMedian: Double
    public var trainAccuracy: Double
    public var lbfgs: LBFGSBenchResult?
}

/// Full-batch L-BFGS on the W4 probe.
public struct LBFGSBenchResult: Codable, Sendable {
    public var iterations: Int
    public var wallSeconds: Spread
    public var trainAccuracy: Double
    /// The path each of the objective's products took (`X·Wᵀ`, `Gᵀ·X`), as the conv paths of W1-W3.
    public var productPaths: [ConvPathEntry]?
}
