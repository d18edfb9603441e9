/// Pooling over independent `H x W` planes (`C * N` of them in the `(C, N, H, W)` layout).
public enum MaxPoolKernel {
    /// `k x k` windows with stride `s`, no padding (floor); records each output's argmax offset in its plane.
    public static func forward(planes: Int, h: Int, w: Int, k: Int, s: Int, x: UnsafePointer<Float>,
                               y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>) {
        let ho = (h - k) / s + 1, wo = (w - k) / s + 1
        nonisolated(unsafe) let x = x, y = y, argmax = argmax
        Parallel.forRange(planes, minimumWork: 1 << 15, work: h * w) { ps in
            for p in ps {
                let src = x + p * h * w, dst = y + p * ho * wo, arg = argmax + p * ho * wo
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        var best = -Float.infinity, at = 0
                        for ky in 0..<k {
                            let off = (oy * s + ky) * w + ox * s
                            for kx in 0..<k where src[off + kx] > best { best = src[off + kx]; at = off + kx }
                        }
                        dst[oy * wo + ox] = best; arg[oy * wo + ox] = Int32(at)
                    }
                }
            }
        }
    }

    /// `dx[argmax] += dy`.
    public static func backward(planes: Int, h: Int, w: Int, outCount: Int, dy: UnsafePointer<Float>,
                                argmax: UnsafePointer<Int32>, dx: UnsafeMutablePointer<Float>) {
        nonisolated(unsafe) let dy = dy, argmax = argmax, dx = dx
        Parallel.forRange(planes, minimumWork: 1 << 15, work: h * w) { ps in
            for p in ps {
                let g = dy + p * outCount, a = argmax + p * outCount, d = dx + p * h * w
                for i in 0..<outCount { d[Int(a[i])] += g[i] }
            }
        }
    }
}

/// Average pooling of each whole plane: `(C, N, H, W)` → `(N, C)`, ready for a linear layer.
public enum GlobalAvgPoolKernel {
    public static func forward(c: Int, n: Int, hw: Int, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        let inv = 1 / Float(hw)
        for ch in 0..<c {
            for i in 0..<n {
                let p = x + (ch * n + i) * hw
                var s: Float = 0
                for j in 0..<hw { s += p[j] }
                y[i * c + ch] = s * inv
            }
        }
    }

    public static func backward(c: Int, n: Int, hw: Int, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>) {
        let inv = 1 / Float(hw)
        for ch in 0..<c {
            for i in 0..<n {
                let g = dy[i * c + ch] * inv, q = dx + (ch * n + i) * hw
                for j in 0..<hw { q[j] += g }
            }
        }
    }
}
