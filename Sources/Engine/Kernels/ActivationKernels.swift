/// ReLU forward/backward over raw buffers.
public enum ReLUKernel {
    /// `y = max(x, 0)`.
    @inline(__always)
    public static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int, workers: Workers) {
        nonisolated(unsafe) let x = x, y = y
        workers.forRange(n, minimumWork: 1 << 18) { r in
            for i in r { let v = x[i]; y[i] = v > 0 ? v : 0 }
        }
    }

    /// `dx += dy * (y > 0)` (`dx = …` when `overwrite`), from the output (valid for in-place use too).
    @inline(__always)
    public static func backward(_ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                                count n: Int, overwrite: Bool = false, workers: Workers) {
        nonisolated(unsafe) let y = y, dy = dy, dx = dx
        workers.forRange(n, minimumWork: 1 << 18) { r in
            // A select, not a branch, so the loop vectorises.
            if overwrite {
                for i in r { dx[i] = y[i] > 0 ? dy[i] : 0 }
            } else {
                for i in r { dx[i] += y[i] > 0 ? dy[i] : 0 }
            }
        }
    }
}
