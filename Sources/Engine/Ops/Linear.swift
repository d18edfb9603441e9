extension Tape {
    /// Fully connected layer `y = x Wᵀ + b`: `x (N, In)`, `weight (Out, In)` as in PyTorch, `bias (Out)`.
    public func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
        let blas = context.blas
        precondition(x.shape.count == 2 && weight.shape.count == 2 && x.shape[1] == weight.shape[1],
                     "linear: input \(x.shape) vs weight \(weight.shape)")
        let n = x.shape[0], k = x.shape[1], m = weight.shape[0]
        let y = Tensor(uninitialized: [n, m])
        if let bias {
            for i in 0..<n { (y.data + i * m).update(from: bias.data, count: m) }
        }
        context.measure(.linearForward, flops: 2 * Double(n * m * k)) {
            blas.gemm(transB: true, m: n, n: m, k: k, a: x.data, lda: k, b: weight.data, ldb: k,
                      beta: bias == nil ? 0 : 1, c: y.data, ldc: m)
        }
        let needs = bias.map { needsGrad(x, weight, $0) } ?? needsGrad(x, weight)
        if needs {
            y.requiresGrad = true
            record(.linearBackward) { [x, weight, bias, y] in
                guard let gy = y.grad else { return }
                if weight.requiresGrad {
                    blas.gemm(transA: true, m: m, n: k, k: n, a: gy, lda: m, b: x.data, ldb: k, beta: 1,
                              c: weight.gradBuffer(), ldc: k)
                }
                if x.requiresGrad {
                    let dx = x.gradDestination()
                    blas.gemm(m: n, n: k, k: m, a: gy, lda: m, b: weight.data, ldb: k, beta: dx.overwrite ? 0 : 1,
                              c: dx.pointer, ldc: k)
                }
                if let bias, bias.requiresGrad {
                    let gb = bias.gradBuffer()
                    for i in 0..<n { let row = gy + i * m; for j in 0..<m { gb[j] += row[j] } }
                }
            }
        }
        return y
    }
}
