/// Peak FP32 throughput of GPUs papers name, from the vendors' data sheets, to turn a trial's FLOPs into a
/// time on the paper's hardware. An estimate: it assumes `utilization` of peak, which real training rarely beats.
enum GPUCatalog {
    static let utilization = 0.4
    /// (name as papers write it, dense FP32 TFLOP/s).
    static let peaks: [(name: String, tflops: Double)] = [
        ("A100", 19.5), ("V100", 15.7), ("P100", 10.6), ("TITAN Xp", 12.1), ("TITAN X", 11.0),
        ("RTX 3090", 35.6), ("RTX 2080 Ti", 13.4), ("GTX 1080 Ti", 11.3), ("T4", 8.1),
    ]
    /// Used when the paper does not name its GPU type.
    static let fallback = ("V100-class (type not stated)", 15.7)

    /// The GPU named in `description`, or the fallback.
    static func gpu(in description: String) -> (name: String, tflops: Double) {
        let text = description.uppercased()
        return peaks.first { text.contains($0.name.uppercased()) } ?? fallback
    }
}
