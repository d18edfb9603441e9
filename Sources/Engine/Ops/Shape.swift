extension Tape {
    /// A copy of `x (N, N)` with the diagonal set to `value` (NT-Xent's `-1e9` self-mask); the diagonal gets no
    /// gradient.
    public func fillDiagonal(_ x: Tensor, _ value: Float) -> Tensor {
        precondition(x.shape.count == 2 && x.shape[0] == x.shape[1], "fillDiagonal: expects (N, N), got \(x.shape)")
        let n = x.shape[0]
        let y = x.copy()
        for i in 0..<n { y.data[i * n + i] = value }
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                ShapeKernel.addOffDiagonal(gy, x.gradBuffer(), n: n)
            }
        }
        return y
    }

    /// The strict upper triangle of `x (N, N)` as a vector `(N(N-1)/2)`, row by row (the order of `torch.pdist`).
    public func upperTriangle(_ x: Tensor) -> Tensor {
        precondition(x.shape.count == 2 && x.shape[0] == x.shape[1], "upperTriangle: expects (N, N), got \(x.shape)")
        let n = x.shape[0]
        let y = Tensor(uninitialized: [n * (n - 1) / 2])
        ShapeKernel.upperTriangle(x.data, y.data, n: n)
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                ShapeKernel.upperTriangleBackward(gy, x.gradBuffer(), n: n)
            }
        }
        return y
    }

    /// Rows `x[indices]` of `x (N, D)` → `(indices.count, D)`; indices may repeat (their gradients add up).
    public func gatherRows(_ x: Tensor, _ indices: [Int]) -> Tensor {
        precondition(x.shape.count == 2, "gatherRows: expects (N, D), got \(x.shape)")
        let n = x.shape[0], d = x.shape[1]
        precondition(indices.allSatisfy { $0 >= 0 && $0 < n }, "gatherRows: an index lies outside 0..<\(n)")
        let y = Tensor(uninitialized: [indices.count, d])
        indices.withUnsafeBufferPointer {
            ShapeKernel.gatherRows(x.data, indices: $0.baseAddress!, count: indices.count, cols: d, y.data)
        }
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                indices.withUnsafeBufferPointer {
                    ShapeKernel.scatterAddRows(gy, indices: $0.baseAddress!, count: indices.count, cols: d, x.gradBuffer())
                }
            }
        }
        return y
    }

    /// 2-D tensors joined along `axis` 0 (stacked rows: `(N1, D) + (N2, D) → (N1+N2, D)`) or 1 (side by side).
    public func concat(_ xs: [Tensor], axis: Int) -> Tensor {
        precondition(!xs.isEmpty && xs.allSatisfy { $0.shape.count == 2 }, "concat: expects 2-D tensors")
        precondition(axis == 0 || axis == 1, "concat: axis must be 0 or 1, got \(axis)")
        let other = 1 - axis
        precondition(xs.allSatisfy { $0.shape[other] == xs[0].shape[other] },
                     "concat: shapes \(xs.map(\.shape)) differ off axis \(axis)")
        let total = xs.reduce(0) { $0 + $1.shape[axis] }
        let shape = axis == 0 ? [total, xs[0].shape[1]] : [xs[0].shape[0], total]
        let y = Tensor(uninitialized: shape)
        let offsets = xs.reduce(into: [0]) { $0.append($0.last! + $1.shape[axis]) }
        let ys = y.shape[1]
        for (x, offset) in zip(xs, offsets) {
            ShapeKernel.copyBlock(x.data, srcStride: x.shape[1], y.data + Tape.start(axis, offset, ys), dstStride: ys,
                                  rows: x.shape[0], width: x.shape[1])
        }
        if recording && xs.contains(where: { $0.requiresGrad }) {
            y.requiresGrad = true
            record { [xs, y] in
                guard let gy = y.grad else { return }
                for (x, offset) in zip(xs, offsets) where x.requiresGrad {
                    ShapeKernel.addBlock(gy + Tape.start(axis, offset, ys), srcStride: ys, x.gradBuffer(),
                                         dstStride: x.shape[1], rows: x.shape[0], width: x.shape[1])
                }
            }
        }
        return y
    }

    /// `x (N, D)` cut along `axis` into consecutive pieces of the given sizes (which must add up).
    public func split(_ x: Tensor, axis: Int, sizes: [Int]) -> [Tensor] {
        precondition(x.shape.count == 2 && (axis == 0 || axis == 1), "split: expects (N, D) and axis 0 or 1")
        precondition(sizes.reduce(0, +) == x.shape[axis], "split: sizes \(sizes) do not add up to \(x.shape[axis])")
        var offset = 0
        return sizes.map { size in
            defer { offset += size }
            return slice(x, axis: axis, offset: offset, size: size)
        }
    }

    /// `xᵀ` for `x (N, D)`, a copy `(D, N)`.
    public func transpose(_ x: Tensor) -> Tensor {
        precondition(x.shape.count == 2, "transpose: expects a 2-D tensor, got \(x.shape)")
        let rows = x.shape[0], cols = x.shape[1]
        let y = Tensor(uninitialized: [cols, rows])
        ShapeKernel.transpose(x.data, y.data, rows: rows, cols: cols, accumulate: false)
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                ShapeKernel.transpose(gy, x.gradBuffer(), rows: cols, cols: rows, accumulate: true)
            }
        }
        return y
    }

    /// The same values under a new shape with the same element count (a copy).
    public func reshape(_ x: Tensor, _ shape: [Int]) -> Tensor {
        precondition(shape.reduce(1, *) == x.count, "reshape: \(x.shape) has \(x.count) elements, \(shape) does not")
        let y = Tensor(uninitialized: shape)
        y.data.update(from: x.data, count: x.count)
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                ShapeKernel.addBlock(gy, srcStride: 0, x.gradBuffer(), dstStride: 0, rows: 1, width: x.count)
            }
        }
        return y
    }

    private func slice(_ x: Tensor, axis: Int, offset: Int, size: Int) -> Tensor {
        let shape = axis == 0 ? [size, x.shape[1]] : [x.shape[0], size]
        let y = Tensor(uninitialized: shape)
        let xs = x.shape[1], start = Tape.start(axis, offset, xs)
        ShapeKernel.copyBlock(x.data + start, srcStride: xs, y.data, dstStride: shape[1], rows: shape[0], width: shape[1])
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                ShapeKernel.addBlock(gy, srcStride: shape[1], x.gradBuffer() + start, dstStride: xs,
                                     rows: shape[0], width: shape[1])
            }
        }
        return y
    }

    /// Flat index where a block at `offset` along `axis` starts in a row-major 2-D tensor with `cols` columns.
    private static func start(_ axis: Int, _ offset: Int, _ cols: Int) -> Int { axis == 0 ? offset * cols : offset }
}
