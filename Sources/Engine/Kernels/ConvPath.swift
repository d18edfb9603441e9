/// Which implementation runs a convolution (forward and both backward passes).
///
/// The paths round differently (ulp-level), so the path is part of what a result's bits depend on:
/// `EngineContext.determinism` names it.
public enum ConvPath: String, Sendable, CaseIterable, CustomStringConvertible {
    /// im2col + OpenBLAS sgemm, the batch split over the context's workers (`ConvKernel`).
    case im2col
    /// oneDNN's primitives in its blocked layout (`DNNLConv`); im2col where oneDNN has no implementation.
    case onednn
    /// Per geometry the faster of the two on this host, timed at its first use and then kept in a
    /// `ConvPathCache` file, so later runs on the host take the same path without timing.
    case measured

    public var description: String { self == .onednn ? "oneDNN" : rawValue }
}
