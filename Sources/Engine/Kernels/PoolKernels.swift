/// Pooling over independent `H x W` planes (`C * N` of them in the `(C, N, H, W)` layout).
public enum MaxPoolKernel {
    /// Output side of a pooled dimension (floor mode, as PyTorch's default).
    @inline(__always)
    public static func outSize(_ n: Int, k: Int, s: Int, p: Int) -> Int { (n + 2 * p - k) / s + 1 }

    /// `k x k` windows with stride `s` and implicit `-inf` padding `p`; records each output's argmax offset in
    /// its (unpadded) plane. PyTorch requires `p <= k / 2`, so every window holds at least one real value.
    public static func forward(planes: Int, h: Int, w: Int, k: Int, s: Int, p: Int = 0, x: UnsafePointer<Float>,
                               y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>, workers: Workers) {
        let ho = outSize(h, k: k, s: s, p: p), wo = outSize(w, k: k, s: s, p: p)
        nonisolated(unsafe) let x = x, y = y, argmax = argmax
        workers.forRange(planes, minimumWork: 1 << 15, work: h * w) { ps in
            if k == 2 && s == 2 && p == 0 { return forward2x2(ps, h: h, w: w, x: x, y: y, argmax: argmax) }
            for plane in ps {
                let src = x + plane * h * w, dst = y + plane * ho * wo, arg = argmax + plane * ho * wo
                for oy in 0..<ho {
                    let y0 = oy * s - p, yLo = max(y0, 0), yHi = min(y0 + k, h)
                    for ox in 0..<wo {
                        let x0 = ox * s - p, xLo = max(x0, 0), xHi = min(x0 + k, w)
                        var best = -Float.infinity, at = yLo * w + xLo
                        for iy in yLo..<yHi {
                            for ix in xLo..<xHi where src[iy * w + ix] > best { best = src[iy * w + ix]; at = iy * w + ix }
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
                // Wrapping arithmetic and selects: with the overflow checks of `Int32(...)` and `+`, and a branch per
                // comparison, this loop was 17.7 ms of a 106 ms W1 step; like this LLVM vectorises it (3.6 ms).
                // Offsets fit in Int32: a plane's pixels are counted in Int32 everywhere (`argmax`).
                let out = dst + oy * wo, outArg = arg + oy * wo, i0 = Int32(truncatingIfNeeded: base), wi = Int32(truncatingIfNeeded: w)
                for ox in 0..<wo {
                    let a = r0[2 &* ox], b = r0[2 &* ox &+ 1], c = r1[2 &* ox], d = r1[2 &* ox &+ 1]
                    let i = i0 &+ Int32(truncatingIfNeeded: 2 &* ox)
                    let tb = b > a, top = tb ? b : a, topAt = tb ? i &+ 1 : i
                    let tc = c > top, mid = tc ? c : top, midAt = tc ? i &+ wi : topAt
                    let td = d > mid
                    out[ox] = td ? d : mid; outArg[ox] = td ? i &+ wi &+ 1 : midAt
                }
            }
        }
    }

    /// `dx[argmax] += dy` (`dx` zeroed first when `overwrite`).
    public static func backward(planes: Int, h: Int, w: Int, outCount: Int, dy: UnsafePointer<Float>,
                                argmax: UnsafePointer<Int32>, dx: UnsafeMutablePointer<Float>, overwrite: Bool = false, workers: Workers) {
        nonisolated(unsafe) let dy = dy, argmax = argmax, dx = dx
        workers.forRange(planes, minimumWork: 1 << 15, work: h * w) { ps in
            for p in ps {
                let g = dy + p * outCount, a = argmax + p * outCount, d = dx + p * h * w
                if overwrite { d.update(repeating: 0, count: h * w) }
                for i in 0..<outCount { d[Int(a[i])] += g[i] }
            }
        }
    }
}

/// Average pooling of `k x k` windows with stride `s` and zero padding `p`, dividing by `k * k` (PyTorch's
/// default `count_include_pad=True`).
public enum AvgPoolKernel {
    public static func forward(planes: Int, h: Int, w: Int, k: Int, s: Int, p: Int, x: UnsafePointer<Float>,
                               y: UnsafeMutablePointer<Float>, workers: Workers) {
        let ho = MaxPoolKernel.outSize(h, k: k, s: s, p: p), wo = MaxPoolKernel.outSize(w, k: k, s: s, p: p)
        let inv = 1 / Float(k * k)
        nonisolated(unsafe) let x = x, y = y
        workers.forRange(planes, minimumWork: 1 << 15, work: h * w) { ps in
            for plane in ps {
                let src = x + plane * h * w, dst = y + plane * ho * wo
                for oy in 0..<ho {
                    let y0 = oy * s - p, yLo = max(y0, 0), yHi = min(y0 + k, h)
                    for ox in 0..<wo {
                        let x0 = ox * s - p, xLo = max(x0, 0), xHi = min(x0 + k, w)
                        var sum: Float = 0
                        for iy in yLo..<yHi { for ix in xLo..<xHi { sum += src[iy * w + ix] } }
                        dst[oy * wo + ox] = sum * inv
                    }
                }
            }
        }
    }

    /// `dx += dy / (k * k)` over each output's window; parallel over planes, which never share an element.
    public static func backward(planes: Int, h: Int, w: Int, k: Int, s: Int, p: Int, dy: UnsafePointer<Float>,
                                dx: UnsafeMutablePointer<Float>, workers: Workers) {
        let ho = MaxPoolKernel.outSize(h, k: k, s: s, p: p), wo = MaxPoolKernel.outSize(w, k: k, s: s, p: p)
        let inv = 1 / Float(k * k)
        nonisolated(unsafe) let dy = dy, dx = dx
        workers.forRange(planes, minimumWork: 1 << 15, work: h * w) { ps in
            for plane in ps {
                let g = dy + plane * ho * wo, d = dx + plane * h * w
                for oy in 0..<ho {
                    let y0 = oy * s - p, yLo = max(y0, 0), yHi = min(y0 + k, h)
                    for ox in 0..<wo {
                        let x0 = ox * s - p, xLo = max(x0, 0), xHi = min(x0 + k, w)
                        let v = g[oy * wo + ox] * inv
                        for iy in yLo..<yHi { for ix in xLo..<xHi { d[iy * w + ix] += v } }
                    }
                }
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
