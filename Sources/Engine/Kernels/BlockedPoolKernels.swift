/// Pooling on a channel-blocked image (`ChannelBlocking`, 8 or 16 lanes): each `(image, channel block)` is an
/// `H x W` plane of `L`-channel pixels, so one SIMD compare handles a window position for `L` channels at once.
public enum BlockedPoolKernel {
    /// Max pooling as `MaxPoolKernel.forward` (same windows, padding and tie rule: the first maximum), with
    /// `argmax` holding, per output element, its window's pixel index in the input plane.
    public static func maxForward(_ l: ChannelBlocking, h: Int, w: Int, k: Int, s: Int, p: Int, x: UnsafePointer<Float>,
                                  y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>, workers: Workers) {
        precondition(l.pixels == h * w, "blocked max pool: \(l.pixels) pixels for a \(h)x\(w) plane")
        precondition(l.lanes == 8 || l.lanes == 16, "blocked max pool: \(l.lanes) lanes")
        maxForward(l, h, w, k, s, p, x, y, argmax, workers)
    }

    /// `dx[argmax] += dy` per lane (`dx` zeroed first when `overwrite`); `dy`, `argmax` have the output's layout.
    public static func maxBackward(_ l: ChannelBlocking, h: Int, w: Int, k: Int, s: Int, p: Int, dy: UnsafePointer<Float>,
                                   argmax: UnsafePointer<Int32>, dx: UnsafeMutablePointer<Float>, overwrite: Bool, workers: Workers) {
        let ho = MaxPoolKernel.outSize(h, k: k, s: s, p: p), wo = MaxPoolKernel.outSize(w, k: k, s: s, p: p), outPixels = ho * wo
        let planes = l.batch * l.blocks, inTile = l.pixels * l.lanes, outTile = outPixels * l.lanes, lanes = l.lanes
        let disjoint2x2 = lanes == 16 && k == 2 && s == 2 && p == 0
        nonisolated(unsafe) let dy = dy, argmax = argmax, dx = dx
        workers.forRange(planes, minimumWork: 1 << 15, work: inTile) { ps in
            for plane in ps {
                let g = dy + plane * outTile, a = argmax + plane * outTile, d = dx + plane * inTile
                if overwrite { d.update(repeating: 0, count: inTile) }
                if disjoint2x2 {  // each input pixel in one window: four masked vector adds per output
                    for oy in 0..<ho {
                        for ox in 0..<wo {
                            let o = (oy &* wo &+ ox) &* 16, i = Int32(truncatingIfNeeded: 2 &* oy &* w &+ 2 &* ox)
                            let grad = UnsafeRawPointer(g + o).loadUnaligned(as: SIMD16<Float>.self)
                            let at = UnsafeRawPointer(a + o).loadUnaligned(as: SIMD16<Int32>.self)
                            func add(_ j: Int32) {
                                let q = UnsafeMutableRawPointer(d + Int(j) &* 16)
                                let v = q.loadUnaligned(as: SIMD16<Float>.self)
                                    + grad.replacing(with: 0, where: at .!= SIMD16<Int32>(repeating: j))
                                q.storeBytes(of: v, as: SIMD16<Float>.self)
                            }
                            let w32 = Int32(truncatingIfNeeded: w)
                            add(i); add(i &+ 1); add(i &+ w32); add(i &+ w32 &+ 1)
                        }
                    }
                    continue
                }
                for o in 0..<outPixels {
                    for lane in 0..<lanes { d[Int(a[o &* lanes &+ lane]) &* lanes &+ lane] += g[o &* lanes &+ lane] }
                }
            }
        }
    }

    /// Mean of each channel's plane: blocked `(C, N, H, W)` → plain `(N, C)`.
    public static func globalAverageForward(_ l: ChannelBlocking, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        let inv = 1 / Double(l.pixels)
        var sums = [Double](repeating: 0, count: l.lanes)
        for n in 0..<l.batch {
            for b in 0..<l.blocks {
                let t = x + (n * l.blocks + b) * l.pixels * l.lanes
                for lane in 0..<l.lanes { sums[lane] = 0 }
                for p in 0..<l.pixels { for lane in 0..<l.lanes { sums[lane] += Double(t[p * l.lanes + lane]) } }
                for lane in 0..<l.lanes { y[n * l.channels + b * l.lanes + lane] = Float(sums[lane] * inv) }
            }
        }
    }

    /// `dx (=|+=) dy / (H W)` over each plane.
    public static func globalAverageBackward(_ l: ChannelBlocking, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>,
                                             overwrite: Bool) {
        let inv = 1 / Float(l.pixels)
        for n in 0..<l.batch {
            for b in 0..<l.blocks {
                let t = dx + (n * l.blocks + b) * l.pixels * l.lanes, g = dy + n * l.channels + b * l.lanes
                for p in 0..<l.pixels {
                    for lane in 0..<l.lanes {
                        let v = g[lane] * inv
                        t[p * l.lanes + lane] = overwrite ? v : t[p * l.lanes + lane] + v
                    }
                }
            }
        }
    }

    /// One window's maximum per lane. 16 lanes: one `SIMD16` compare per window pixel (concrete: the generic
    /// version's masks went lane by lane through the stack); 8 lanes (AVX2 hosts): the same with selects per lane.
    private static func maxForward(_ l: ChannelBlocking, _ h: Int, _ w: Int, _ k: Int, _ s: Int, _ p: Int,
                                   _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                                   _ argmax: UnsafeMutablePointer<Int32>, _ workers: Workers) {
        let ho = MaxPoolKernel.outSize(h, k: k, s: s, p: p), wo = MaxPoolKernel.outSize(w, k: k, s: s, p: p)
        let planes = l.batch * l.blocks, lanes = l.lanes, unrolled2x2 = lanes == 16 && k == 2 && s == 2 && p == 0
        nonisolated(unsafe) let x = x, y = y, argmax = argmax
        workers.forRange(planes, minimumWork: 1 << 15, work: h * w * lanes) { ps in
            for plane in ps {
                let src = x + plane * h * w * lanes, dst = y + plane * ho * wo * lanes, arg = argmax + plane * ho * wo * lanes
                for oy in 0..<ho {
                    let y0 = oy * s - p, yLo = max(y0, 0), yHi = min(y0 + k, h)
                    for ox in 0..<wo {
                        let x0 = ox * s - p, xLo = max(x0, 0), xHi = min(x0 + k, w)
                        let o = (oy &* wo &+ ox) &* lanes
                        if unrolled2x2 {  // W1's window
                            let i = 2 &* oy &* w &+ 2 &* ox, i32 = Int32(truncatingIfNeeded: i), w32 = Int32(truncatingIfNeeded: w)
                            func at(_ j: Int) -> SIMD16<Float> { UnsafeRawPointer(src + j &* 16).loadUnaligned(as: SIMD16<Float>.self) }
                            let va = at(i), vb = at(i &+ 1), vc = at(i &+ w), vd = at(i &+ w &+ 1)
                            let tb = vb .> va
                            let top = va.replacing(with: vb, where: tb)
                            let topAt = SIMD16<Int32>(repeating: i32).replacing(with: SIMD16<Int32>(repeating: i32 &+ 1), where: tb)
                            let tc = vc .> top
                            let mid = top.replacing(with: vc, where: tc)
                            let midAt = topAt.replacing(with: SIMD16<Int32>(repeating: i32 &+ w32), where: tc)
                            let td = vd .> mid
                            UnsafeMutableRawPointer(dst + o).storeBytes(of: mid.replacing(with: vd, where: td), as: SIMD16<Float>.self)
                            UnsafeMutableRawPointer(arg + o).storeBytes(
                                of: midAt.replacing(with: SIMD16<Int32>(repeating: i32 &+ w32 &+ 1), where: td), as: SIMD16<Int32>.self)
                        } else if lanes == 16 {
                            var best = SIMD16<Float>(repeating: -.infinity)
                            var at = SIMD16<Int32>(repeating: Int32(truncatingIfNeeded: yLo * w + xLo))
                            for iy in yLo..<yHi {
                                for ix in xLo..<xHi {
                                    let i = iy &* w &+ ix
                                    let v = UnsafeRawPointer(src + i &* 16).loadUnaligned(as: SIMD16<Float>.self)
                                    let better = v .> best  // strictly greater: ties keep the first maximum
                                    best.replace(with: v, where: better)
                                    at.replace(with: SIMD16<Int32>(repeating: Int32(truncatingIfNeeded: i)), where: better)
                                }
                            }
                            UnsafeMutableRawPointer(dst + o).storeBytes(of: best, as: SIMD16<Float>.self)
                            UnsafeMutableRawPointer(arg + o).storeBytes(of: at, as: SIMD16<Int32>.self)
                        } else {
                            for lane in 0..<lanes {
                                var best = -Float.infinity, at = Int32(truncatingIfNeeded: yLo * w + xLo)
                                for iy in yLo..<yHi {
                                    for ix in xLo..<xHi {
                                        let i = iy &* w &+ ix, v = src[i &* lanes &+ lane], better = v > best
                                        best = better ? v : best; at = better ? Int32(truncatingIfNeeded: i) : at
                                    }
                                }
                                dst[o &+ lane] = best; arg[o &+ lane] = at
                            }
                        }
                    }
                }
            }
        }
    }
}
