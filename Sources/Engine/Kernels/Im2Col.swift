/// im2col / col2im over a chunk of images `[n0, n0 + nb)` of a `(Cin, N, H, W)` tensor, on the calling
/// thread (conv runs one chunk per core; see `ConvKernel`).
///
/// The column matrix is `(Cin*k*k, nb*Ho*Wo)`, row `(ci, ky, kx)`, column `(n, oy, ox)`.
public enum Im2Col {
    public static func gather(_ g: ConvGeometry, x: UnsafePointer<Float>, n0: Int, nb: Int,
                              col: UnsafeMutablePointer<Float>) {
        let ho = g.outHeight, wo = g.outWidth, k = g.kernel, s = g.stride, p = g.padding
        let h = g.height, w = g.width, n = g.batch, hw = ho * wo
        let cols = nb * hw
        let sameSize = s == 1 && ho == h && wo == w
        for r in 0..<g.patch {
            let ci = r / (k * k), ky = (r / k) % k, kx = r % k
            let dst = col + r * cols
            // Output columns whose source column lies inside the image: ox in [oxLo, oxHi).
            let oxLo = max(0, (p - kx + s - 1) / s), oxHi = min(wo, (w + p - kx + s - 1) / s)
            let oyLo = max(0, (p - ky + s - 1) / s), oyHi = min(ho, (h + p - ky + s - 1) / s)
            for b in 0..<nb {
                let src = x + ((ci * n + n0 + b) * h) * w
                let plane = dst + b * hw
                if oyLo >= oyHi || oxLo >= oxHi { plane.update(repeating: 0, count: hw); continue }
                if sameSize {
                    // A stride-1 "same" conv reads the image shifted by (ky-p, kx-p): one contiguous copy
                    // of the valid rows, then the few columns that fell off the left/right edge zeroed.
                    let shift = (ky - p) * w + (kx - p)
                    let lo = oyLo * w + oxLo, hi = (oyHi - 1) * w + oxHi
                    if lo > 0 { plane.update(repeating: 0, count: lo) }
                    (plane + lo).update(from: src + lo + shift, count: hi - lo)
                    if hi < hw { (plane + hi).update(repeating: 0, count: hw - hi) }
                    if oxLo > 0 || oxHi < wo {
                        for oy in oyLo..<oyHi {
                            let row = plane + oy * w
                            for ox in 0..<oxLo { row[ox] = 0 }
                            for ox in oxHi..<wo { row[ox] = 0 }
                        }
                    }
                    continue
                }
                if oyLo > 0 { plane.update(repeating: 0, count: oyLo * wo) }
                for oy in oyLo..<oyHi {
                    let row = plane + oy * wo
                    let srow = src + (oy * s - p + ky) * w
                    for ox in 0..<oxLo { row[ox] = 0 }
                    if s == 1 {
                        (row + oxLo).update(from: srow + (oxLo - p + kx), count: oxHi - oxLo)
                    } else {
                        for ox in oxLo..<oxHi { row[ox] = srow[ox * s - p + kx] }
                    }
                    for ox in oxHi..<wo { row[ox] = 0 }
                }
                if oyHi < ho { (plane + oyHi * wo).update(repeating: 0, count: (ho - oyHi) * wo) }
            }
        }
    }

    /// `dx += col2im(dcol)` for the chunk's images (so chunks on different cores never share an element).
    ///
    /// `dcol` is the caller's scratch and is modified: for stride-1 "same" convs the entries that fall
    /// outside the image are zeroed first, so each plane adds back as one contiguous shifted run.
    public static func scatter(_ g: ConvGeometry, dcol: UnsafeMutablePointer<Float>, n0: Int, nb: Int,
                               dx: UnsafeMutablePointer<Float>) {
        let ho = g.outHeight, wo = g.outWidth, k = g.kernel, s = g.stride, p = g.padding
        let h = g.height, w = g.width, n = g.batch, hw = ho * wo
        let cols = nb * hw
        if s == 1 && ho == h && wo == w {
            for r in 0..<g.patch {
                let ci = r / (k * k), ky = (r / k) % k, kx = r % k
                let oxLo = max(0, p - kx), oxHi = min(wo, w + p - kx)
                let oyLo = max(0, p - ky), oyHi = min(ho, h + p - ky)
                if oyLo >= oyHi || oxLo >= oxHi { continue }
                let shift = (ky - p) * w + (kx - p)
                let lo = oyLo * w + oxLo, hi = (oyHi - 1) * w + oxHi
                for b in 0..<nb {
                    let plane = dcol + r * cols + b * hw
                    if oxLo > 0 || oxHi < wo {
                        for oy in oyLo..<oyHi {
                            let row = plane + oy * w
                            for ox in 0..<oxLo { row[ox] = 0 }
                            for ox in oxHi..<wo { row[ox] = 0 }
                        }
                    }
                    let dst = dx + ((ci * n + n0 + b) * h) * w + shift
                    for j in lo..<hi { dst[j] += plane[j] }
                }
            }
            return
        }
        for ci in 0..<g.inChannels {
            for ky in 0..<k {
                let oyLo = max(0, (p - ky + s - 1) / s), oyHi = min(ho, (h + p - ky + s - 1) / s)
                for kx in 0..<k {
                    let src = dcol + ((ci * k + ky) * k + kx) * cols
                    let oxLo = max(0, (p - kx + s - 1) / s), oxHi = min(wo, (w + p - kx + s - 1) / s)
                    if oxLo >= oxHi || oyLo >= oyHi { continue }
                    for b in 0..<nb {
                        let dst = dx + ((ci * n + n0 + b) * h) * w, plane = src + b * hw
                        for oy in oyLo..<oyHi {
                            let srow = plane + oy * wo, drow = dst + (oy * s - p + ky) * w - p + kx
                            if s == 1 {
                                for ox in oxLo..<oxHi { drow[ox] += srow[ox] }
                            } else {
                                for ox in oxLo..<oxHi { drow[ox * s] += srow[ox] }
                            }
                        }
                    }
                }
            }
        }
    }
}
