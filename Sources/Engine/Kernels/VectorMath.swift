/// Vectorised reductions over contiguous floats.
///
/// LLVM does not vectorise a float reduction written as a scalar loop (that would reorder the additions),
/// so such loops run one dependent add per cycle. These keep 16 lanes in flight and fold every block of
/// `block` elements into a Double, which keeps long sums accurate and the result independent of threads.
enum VectorMath {
    typealias V = SIMD16<Float>
    static let block = 4096

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always) static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// `Σ x`.
    static func sum(_ x: UnsafePointer<Float>, _ n: Int) -> Double {
        var total = 0.0, start = 0
        while start < n {
            let end = min(n, start + block)
            var acc = V(), i = start
            while i + 16 <= end { acc += load(x + i); i += 16 }
            var s = Double(acc.sum())
            while i < end { s += Double(x[i]); i += 1 }
            total += s
            start = end
        }
        return total
    }

    /// `(Σ (x - k), Σ (x - k)²)` in one pass. With `k` near the mean (the shifted-data algorithm) the
    /// variance `Σ(x-k)²/n - (Σ(x-k)/n)²` keeps its precision while reading `x` once instead of twice.
    static func shiftedMoments(_ x: UnsafePointer<Float>, _ n: Int, _ k: Float) -> (Double, Double) {
        var t1 = 0.0, t2 = 0.0, start = 0
        let vk = V(repeating: k)
        while start < n {
            let end = min(n, start + block)
            var a = V(), b = V(), i = start
            while i + 16 <= end { let d = load(x + i) - vk; a += d; b += d * d; i += 16 }
            var s1 = Double(a.sum()), s2 = Double(b.sum())
            while i < end { let d = x[i] - k; s1 += Double(d); s2 += Double(d * d); i += 1 }
            t1 += s1; t2 += s2
            start = end
        }
        return (t1, t2)
    }

    /// `(Σ g, Σ g (x - mu))` with `g = dy`, or `g = dy · [y > 0]` when `mask` (the output of a fused ReLU) is given.
    static func gradientSums(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, mask: UnsafePointer<Float>?, _ n: Int,
                             _ mu: Float) -> (Double, Double) {
        var t1 = 0.0, t2 = 0.0, start = 0
        let m = V(repeating: mu), zero = V()
        while start < n {
            let end = min(n, start + block)
            var a = V(), b = V(), i = start
            if let mask {
                while i + 16 <= end {
                    let g = load(dy + i).replacing(with: zero, where: load(mask + i) .<= zero)
                    a += g; b += g * (load(x + i) - m); i += 16
                }
            } else {
                while i + 16 <= end { let g = load(dy + i); a += g; b += g * (load(x + i) - m); i += 16 }
            }
            var s1 = Double(a.sum()), s2 = Double(b.sum())
            while i < end {
                let g = mask.map { $0[i] > 0 ? dy[i] : 0 } ?? dy[i]
                s1 += Double(g); s2 += Double(g * (x[i] - mu)); i += 1
            }
            t1 += s1; t2 += s2
            start = end
        }
        return (t1, t2)
    }
}
