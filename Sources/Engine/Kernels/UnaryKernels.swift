import Foundation

/// A unary elementwise function with one Float constant `c` (exponent, scale or shift; ignored by most), and
/// its derivative, as static members so the generic kernel specialises to a plain loop.
public protocol UnaryElementwise {
    static func value(_ x: Float, _ c: Float) -> Float
    /// `dy/dx` given the input, the output and the constant.
    static func derivative(_ x: Float, _ y: Float, _ c: Float) -> Float
}

/// `eˣ`.
public enum ExpFn: UnaryElementwise {
    @inline(__always) public static func value(_ x: Float, _ c: Float) -> Float { Foundation.exp(x) }
    @inline(__always) public static func derivative(_ x: Float, _ y: Float, _ c: Float) -> Float { y }
}

/// Natural logarithm.
public enum LogFn: UnaryElementwise {
    @inline(__always) public static func value(_ x: Float, _ c: Float) -> Float { Foundation.log(x) }
    @inline(__always) public static func derivative(_ x: Float, _ y: Float, _ c: Float) -> Float { 1 / x }
}

/// `x^c`.
public enum PowFn: UnaryElementwise {
    @inline(__always) public static func value(_ x: Float, _ c: Float) -> Float { Foundation.pow(x, c) }
    @inline(__always) public static func derivative(_ x: Float, _ y: Float, _ c: Float) -> Float {
        c == 1 ? 1 : c * Foundation.pow(x, c - 1)
    }
}

/// `√x`.
public enum SqrtFn: UnaryElementwise {
    @inline(__always) public static func value(_ x: Float, _ c: Float) -> Float { x.squareRoot() }
    @inline(__always) public static func derivative(_ x: Float, _ y: Float, _ c: Float) -> Float { 0.5 / y }
}

/// `|x|`; the derivative at 0 is taken as 0 (the subgradient PyTorch uses).
public enum AbsFn: UnaryElementwise {
    @inline(__always) public static func value(_ x: Float, _ c: Float) -> Float { Swift.abs(x) }
    @inline(__always) public static func derivative(_ x: Float, _ y: Float, _ c: Float) -> Float {
        x > 0 ? 1 : (x < 0 ? -1 : 0)
    }
}

/// `c · x` (negation is `c = -1`).
public enum ScaleFn: UnaryElementwise {
    @inline(__always) public static func value(_ x: Float, _ c: Float) -> Float { c * x }
    @inline(__always) public static func derivative(_ x: Float, _ y: Float, _ c: Float) -> Float { c }
}

/// `x + c`.
public enum ShiftFn: UnaryElementwise {
    @inline(__always) public static func value(_ x: Float, _ c: Float) -> Float { x + c }
    @inline(__always) public static func derivative(_ x: Float, _ y: Float, _ c: Float) -> Float { 1 }
}

/// `x²`.
public enum SquareFn: UnaryElementwise {
    @inline(__always) public static func value(_ x: Float, _ c: Float) -> Float { x * x }
    @inline(__always) public static func derivative(_ x: Float, _ y: Float, _ c: Float) -> Float { 2 * x }
}

/// Unary elementwise forward/backward over raw buffers.
public enum UnaryKernel {
    /// `y = F(x, c)`.
    @inline(__always)
    public static func forward<F: UnaryElementwise>(
        _ f: F.Type, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int, constant c: Float, workers: Workers
    ) {
        nonisolated(unsafe) let x = x, y = y
        workers.forRange(n, minimumWork: 1 << 17) { r in
            for i in r { y[i] = F.value(x[i], c) }
        }
    }

    /// `dx += dy · F'(x)`.
    @inline(__always)
    public static func backward<F: UnaryElementwise>(
        _ f: F.Type, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
        _ dx: UnsafeMutablePointer<Float>, count n: Int, constant c: Float, workers: Workers
    ) {
        nonisolated(unsafe) let x = x, y = y, dy = dy, dx = dx
        workers.forRange(n, minimumWork: 1 << 17) { r in
            for i in r { dx[i] += dy[i] * F.derivative(x[i], y[i], c) }
        }
    }
}
