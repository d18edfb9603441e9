import Foundation

extension SlurmResources {
    /// Time limit of a task whose cost `plan` cannot estimate (a data set of unfixed size).
    public static let unknownTimeLimitSeconds = 24 * 3600

    /// Per-task defaults for a recipe, from `replicate plan`'s estimates and the spec's hardware:
    /// - time: the slowest method's estimated training time on this machine × 3, plus 10 minutes (the estimate
    ///   leaves out evaluation, and cluster CPUs differ from this one), in whole minutes;
    /// - memory: twice the estimated training memory plus the data set's pixels (train and evaluation splits),
    ///   plus 1 GiB for the process, in whole GiB;
    /// - GPUs: at `full` scale, as many as the paper used (`--gres none` asks for none).
    public static func defaults(recipe: Recipe, cpusPerTask: Int) throws -> SlurmResources {
        let report = try CostReport(recipe: recipe, seeds: 1)
        let here = report.sgemmGFLOPS * CostReport.engineEfficiency * 1e9
        let seconds = report.rows.map { $0.cost.totalFLOPs.map { $0 / here } }
        let slowest = seconds.contains { $0 == nil } ? nil : seconds.compactMap { $0 }.max()
        let time = slowest.map { Int(($0 * 3 + 600) / 60).advanced(by: 1) * 60 } ?? unknownTimeLimitSeconds
        let training = report.rows.map(\.cost.memoryBytes).max() ?? 0
        let mib = (2 * training + dataBytes(recipe.data) + (1 << 30)) >> 20
        let memory = (mib + 1023) / 1024 * 1024
        let gpus = recipe.scale == .full ? recipe.hardware?.gpus : nil
        return SlurmResources(timeLimitSeconds: time, gres: gpus.map { "gpu:\($0)" }, cpusPerTask: cpusPerTask,
                              memoryMB: memory)
    }

    /// Bytes of the splits a trial holds in memory (8-bit pixels at the recipe's image size).
    static func dataBytes(_ d: DataSpec) -> Int {
        let pixels = DatasetFacts.channels(d.dataset) * d.imageSize * d.imageSize
        let images = Set([d.trainSplit, d.evalTrainSplit, d.evalTestSplit])
            .map { DatasetFacts.count(d.dataset, split: $0) ?? 1_300_000 }.reduce(0, +)
        return images * pixels
    }
}
