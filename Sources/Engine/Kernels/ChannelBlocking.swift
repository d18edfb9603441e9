/// The channel-blocked image layout oneDNN's direct convolutions run in: `nChw{L}c` over the whole batch.
///
/// Element `(c, n, h, w)` of a logical `(C, N, H, W)` tensor lives at `((n * C/L + c/L) * H*W + h*W + w) * L + c % L`:
/// image by image, `L` channels side by side per pixel. A batch share `n0..<n1` is then one contiguous run, so each
/// worker's oneDNN primitive reads and writes its share in place, and batch norm and pooling vectorise over the `L`
/// lanes. Channels must be a multiple of `L` (the encoders' 32 … 2048 are; others stay plain).
public struct ChannelBlocking: Sendable, Equatable {
    public var channels, batch, pixels, lanes: Int

    public init(channels: Int, batch: Int, pixels: Int, lanes: Int) {
        precondition(lanes >= 1 && channels % lanes == 0, "ChannelBlocking: \(channels) channels in blocks of \(lanes)")
        self.channels = channels; self.batch = batch; self.pixels = pixels; self.lanes = lanes
    }

    /// The layout of a `(C, N, H, W)` tensor held in blocks of `lanes`.
    public init(_ shape: [Int], lanes: Int) {
        precondition(shape.count == 4, "ChannelBlocking: (C, N, H, W) shape, got \(shape)")
        self.init(channels: shape[0], batch: shape[1], pixels: shape[2] * shape[3], lanes: lanes)
    }

    public var blocks: Int { channels / lanes }
    public var count: Int { channels * batch * pixels }

    /// Offset of element `(c, n, pixel)`.
    @inline(__always)
    public func offset(channel c: Int, image n: Int, pixel p: Int) -> Int {
        ((n * blocks + c / lanes) * pixels + p) * lanes + c % lanes
    }

    /// `dst` (blocked) from `src` (plain CNHW); adds instead of storing unless `overwrite`.
    public func block(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, overwrite: Bool = true,
                      workers: Workers) {
        copy(src, into: dst, toBlocked: true, overwrite: overwrite, workers: workers)
    }

    /// `dst` (plain CNHW) from `src` (blocked); adds instead of storing unless `overwrite`.
    public func unblock(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, overwrite: Bool = true,
                        workers: Workers) {
        copy(src, into: dst, toBlocked: false, overwrite: overwrite, workers: workers)
    }

    /// Both directions, one image per task: each channel's plain row of `pixels` floats pairs with a strided run
    /// (step `lanes`) in its image's block.
    private func copy(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, toBlocked: Bool, overwrite: Bool,
                      workers: Workers) {
        nonisolated(unsafe) let src = src, dst = dst
        let l = self
        workers.forRange(batch, minimumWork: 1 << 15, work: channels * pixels) { images in
            for n in images {
                for b in 0..<l.blocks {
                    let tile = (n * l.blocks + b) * l.pixels * l.lanes
                    for lane in 0..<l.lanes {
                        let row = ((b * l.lanes + lane) * l.batch + n) * l.pixels
                        let (from, fromStep) = toBlocked ? (src + row, 1) : (src + tile + lane, l.lanes)
                        let (to, toStep) = toBlocked ? (dst + tile + lane, l.lanes) : (dst + row, 1)
                        if overwrite {
                            for p in 0..<l.pixels { to[p &* toStep] = from[p &* fromStep] }
                        } else {
                            for p in 0..<l.pixels { to[p &* toStep] += from[p &* fromStep] }
                        }
                    }
                }
            }
        }
    }
}
