/// Pooling over independent `H x W` planes (`C * N` of them in the `(C, N, H, W)` layout).
public enum MaxPoolKernel {
    /// `k x k` windows with stride `s`, no padding (floor); records each output's argmax offset in its plane.
    public static func forward(planes: Int, h: Int, w: Int, k: Int, s: Int, x: UnsafePointer<Float>,
                               y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>) {
        let ho = (h - k) / s + 1, wo = (w - k) / s + 1
        nonisolated(unsafe) let x = x, y = y, argmax = argmax
        Parallel.forRange(planes, minimumWork: 1 << 15, work: h * w) { ps in
            if k == 2 && s == 2 { return forward2x2(ps, h: h, w: w, x: x, y: y, argmax: argmax) }
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

    /// The common 2×2 stride-2 window, unrolled (ties keep the first maximum, as the general loop does).
    @inline(__always)
    static func forward2x2(_ ps: Range<Int>, h: Int, w: Int, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>,
                           argmax: UnsafeMutablePointer<Int32>) {
        let ho = h / 2, wo = w / 2
        for p in ps {
            let src = x + p * h * w, dst = y + p * ho * wo, arg = argmax + p * ho * wo
            for oy in 0..<ho {
                let r0 = src + 2 * oy * w, r1 = r0 + w, base = 2 * oy * w
                for ox in 0..<wo {
                    let a = r0[2 * ox], b = r0[2 * ox + 1], c = r1[2 * ox], d = r1[2 * ox + 1]
                    var best = a, at = base + 2 * ox
                    if b > best { best = b; at = base + 2 * ox + 1 }
                    if c > best { best = c; at = base + w + 2 * ox }
                    if d > best { best = d; at = base + w + 2 * ox + 1 }
                    dst[oy * wo + ox] = best; arg[oy * wo + ox] = Int32(at)
                }
            }
        }
    }

    /// `dx[argmax] += dy` (`dx` zeroed first when `overwrite`).
    public static func backward(planes: Int, h: Int, w: Int, outCount: Int, dy: UnsafePointer<Float>,
                                argmax: UnsafePointer<Int32>, dx: UnsafeMutablePointer<Float>, overwrite: Bool = false) {
        nonisolated(unsafe) let dy = dy, argmax = argmax, dx = dx
        Parallel.forRange(planes, minimumWork: 1 << 15, work: h * w) { ps in
            for p in ps {
                let g = dy + p * outCount, a = argmax + p * outCount, d = dx + p * h * w
                if overwrite { d.update(repeating: 0, count: h * w) }
                for i in 0..<outCount { d[Int(a[i])] += g[i] }
            }
        }
    }
}

/// Average pooling of each whole plane: `(C, N, H, W)` → `(N, C)`, ready for a linear layer.
public enum GlobalAvgPoolKernel {
    public static func forward(c: Int, n: Int, hw: Int, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        let inv = 1 / Double(hw)
        for ch in 0..<c {
            for i in 0..<n { y[i * c + ch] = Float(VectorMath.sum(x + (ch * n + i) * hw, hw) * inv) }
        }
    }

    public static func backward(c: Int, n: Int, hw: Int, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>,
                                overwrite: Bool = false) {
        let inv = 1 / Float(hw)
        for ch in 0..<c {
            for i in 0..<n {
                let g = dy[i * c + ch] * inv, q = dx + (ch * n + i) * hw
                if overwrite { q.update(repeating: g, count: hw) } else { for j in 0..<hw { q[j] += g } }
            }
        }
    }
}
