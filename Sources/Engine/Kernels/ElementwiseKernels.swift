/// A binary elementwise function and its partial derivatives, as static members so a generic kernel
/// specialises to a plain loop (no closure call per element).
public protocol BinaryElementwise {
    static func value(_ a: Float, _ b: Float) -> Float
    /// `∂y/∂a` given the inputs and the output `y`.
    static func da(_ a: Float, _ b: Float, _ y: Float) -> Float
    /// `∂y/∂b` given the inputs and the output `y`.
    static func db(_ a: Float, _ b: Float, _ y: Float) -> Float
}

/// `a + b`.
public enum AddFn: BinaryElementwise {
    @inline(__always) public static func value(_ a: Float, _ b: Float) -> Float { a + b }
    @inline(__always) public static func da(_ a: Float, _ b: Float, _ y: Float) -> Float { 1 }
    @inline(__always) public static func db(_ a: Float, _ b: Float, _ y: Float) -> Float { 1 }
}

/// `a - b`.
public enum SubFn: BinaryElementwise {
    @inline(__always) public static func value(_ a: Float, _ b: Float) -> Float { a - b }
    @inline(__always) public static func da(_ a: Float, _ b: Float, _ y: Float) -> Float { 1 }
    @inline(__always) public static func db(_ a: Float, _ b: Float, _ y: Float) -> Float { -1 }
}

/// `a · b`.
public enum MulFn: BinaryElementwise {
    @inline(__always) public static func value(_ a: Float, _ b: Float) -> Float { a * b }
    @inline(__always) public static func da(_ a: Float, _ b: Float, _ y: Float) -> Float { b }
    @inline(__always) public static func db(_ a: Float, _ b: Float, _ y: Float) -> Float { a }
}

/// `a / b`.
public enum DivFn: BinaryElementwise {
    @inline(__always) public static func value(_ a: Float, _ b: Float) -> Float { a / b }
    @inline(__always) public static func da(_ a: Float, _ b: Float, _ y: Float) -> Float { 1 / b }
    @inline(__always) public static func db(_ a: Float, _ b: Float, _ y: Float) -> Float { -y / b }
}

/// How an operand is read inside a `(rows, cols)` output: element `(i, j)` is at `i * rowStride + j * colStride`.
/// A stride of 0 repeats the operand along that axis (broadcasting).
public struct BroadcastLayout: Equatable, Sendable {
    public var rows: Int
    public var cols: Int
    public var aRowStride: Int, aColStride: Int
    public var bRowStride: Int, bColStride: Int

    /// The layout for NumPy broadcasting of `a` against `b`, for the cases the losses need: equal shapes (any
    /// rank), a one-element tensor against anything, and a row `(1, D)` / `(D)` or column `(N, 1)` against
    /// `(N, D)` on either side. Returns the output shape too; nil when the shapes do not broadcast that way.
    public static func make(_ a: [Int], _ b: [Int]) -> (layout: BroadcastLayout, shape: [Int])? {
        let ca = a.reduce(1, *), cb = b.reduce(1, *)
        if a == b { return (BroadcastLayout(rows: 1, cols: ca, aRowStride: 0, aColStride: 1, bRowStride: 0, bColStride: 1), a) }
        if cb == 1 { return (BroadcastLayout(rows: 1, cols: ca, aRowStride: 0, aColStride: 1, bRowStride: 0, bColStride: 0), a) }
        if ca == 1 { return (BroadcastLayout(rows: 1, cols: cb, aRowStride: 0, aColStride: 0, bRowStride: 0, bColStride: 1), b) }
        guard let shape = broadcastShape2D(a, b) else { return nil }
        let (ar, ac) = strides2D(a, to: shape), (br, bc) = strides2D(b, to: shape)
        return (BroadcastLayout(rows: shape[0], cols: shape[1], aRowStride: ar, aColStride: ac,
                                bRowStride: br, bColStride: bc), shape)
    }

    private static func as2D(_ s: [Int]) -> [Int]? {
        switch s.count {
        case 1: return [1, s[0]]
        case 2: return s
        default: return nil
        }
    }

    private static func broadcastShape2D(_ a: [Int], _ b: [Int]) -> [Int]? {
        guard let a = as2D(a), let b = as2D(b) else { return nil }
        var out = [0, 0]
        for k in 0..<2 {
            if a[k] == b[k] || b[k] == 1 { out[k] = a[k] } else if a[k] == 1 { out[k] = b[k] } else { return nil }
        }
        return out
    }

    private static func strides2D(_ s: [Int], to out: [Int]) -> (Int, Int) {
        let s = as2D(s)!
        return (s[0] == 1 && out[0] != 1 ? 0 : s[1], s[1] == 1 && out[1] != 1 ? 0 : 1)
    }
}

/// Broadcasting binary elementwise forward/backward over raw buffers.
public enum ElementwiseKernel {
    /// `y[i, j] = F(a[i, j], b[i, j])` with operands read through `layout`.
    @inline(__always)
    public static func forward<F: BinaryElementwise>(
        _ f: F.Type, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
        layout l: BroadcastLayout, workers: Workers
    ) {
        nonisolated(unsafe) let a = a, b = b, y = y
        let cols = l.cols, splitCols = l.rows == 1
        workers.forRange(splitCols ? cols : l.rows, minimumWork: 1 << 17, work: splitCols ? 1 : cols) { r in
            for i in splitCols ? 0..<1 : r {
                let pa = a + i * l.aRowStride, pb = b + i * l.bRowStride, py = y + i * cols
                let colRange = splitCols ? r : 0..<cols
                if l.aColStride == 1 && l.bColStride == 1 {
                    for j in colRange { py[j] = F.value(pa[j], pb[j]) }
                } else {
                    for j in colRange { py[j] = F.value(pa[j * l.aColStride], pb[j * l.bColStride]) }
                }
            }
        }
    }

    /// Accumulates `da += dy · ∂F/∂a` (when `da` is given) and `db += dy · ∂F/∂b`, summing over the axes an
    /// operand was broadcast along.
    public static func backward<F: BinaryElementwise>(
        _ f: F.Type, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
        _ dy: UnsafePointer<Float>, da: UnsafeMutablePointer<Float>?, db: UnsafeMutablePointer<Float>?,
        layout l: BroadcastLayout, workers: Workers
    ) {
        if let da { accumulate(f, wrtA: true, a, b, y, dy, da, l, workers: workers) }
        if let db { accumulate(f, wrtA: false, a, b, y, dy, db, l, workers: workers) }
    }

    @inline(__always)
    private static func accumulate<F: BinaryElementwise>(
        _ f: F.Type, wrtA: Bool, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
        _ dy: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ l: BroadcastLayout, workers: Workers
    ) {
        nonisolated(unsafe) let a = a, b = b, y = y, dy = dy, dst = dst
        let cols = l.cols
        let (outRow, outCol) = wrtA ? (l.aRowStride, l.aColStride) : (l.bRowStride, l.bColStride)
        // Rows (or the single row's columns) may go to different cores only when their writes are disjoint.
        let splitRows = outRow != 0 && l.rows > 1
        let splitCols = l.rows == 1 && outCol != 0
        let units = splitRows ? l.rows : (splitCols ? cols : 1)
        workers.forRange(units, minimumWork: 1 << 17, work: splitRows ? cols : 1) { r in
            let rowRange = splitRows ? r : 0..<l.rows
            let colRange = splitCols ? r : 0..<cols
            for i in rowRange {
                let pa = a + i * l.aRowStride, pb = b + i * l.bRowStride, py = y + i * cols, pg = dy + i * cols
                let pd = dst + i * outRow
                if wrtA {
                    for j in colRange {
                        let va = pa[j * l.aColStride]
                        pd[j * outCol] += pg[j] * F.da(va, pb[j * l.bColStride], py[j])
                    }
                } else {
                    for j in colRange {
                        let vb = pb[j * l.bColStride]
                        pd[j * outCol] += pg[j] * F.db(pa[j * l.aColStride], vb, py[j])
                    }
                }
            }
        }
    }
}
