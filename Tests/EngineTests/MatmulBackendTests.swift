import Foundation
import Testing
@testable import Engine

/// The linear products on oneDNN against the reference OpenBLAS call, and their path decisions.

struct ProductCase: CustomStringConvertible, Sendable {
    var rows: Int, k: Int, n: Int
    var description: String { "\(rows)x\(k) -> \(n)" }
}

let productCases = [
    ProductCase(rows: 1, k: 3, n: 2),          // one row: a single share
    ProductCase(rows: 7, k: 5, n: 3),          // below the split threshold
    ProductCase(rows: 3001, k: 24, n: 7),      // odd rows: shares of unequal size
    ProductCase(rows: 12_000, k: 128, n: 10),  // the W4 probe's width, split over workers
]

/// `(X · Wᵀ, Gᵀ · X)` on `context`'s path.
func products(_ c: ProductCase, _ context: EngineContext) -> (y: [Float], d: [Float]) {
    let x = randomTensor([c.rows, c.k], seed: 31), w = randomTensor([c.n, c.k], seed: 32), g = randomTensor([c.rows, c.n], seed: 33)
    let y = Tensor(uninitialized: [c.rows, c.n]), d = Tensor(uninitialized: [c.n, c.k])
    context.matmul.rowsTimesTransposed(x: x.data, w: w.data, y: y.data, rows: c.rows, k: c.k, n: c.n, blas: context.blas)
    context.matmul.transposedTimesRows(g: g.data, x: x.data, d: d.data, rows: c.rows, k: c.k, n: c.n, blas: context.blas)
    return (y.array, d.array)
}

/// Within 1e-5 of the largest entry: `Gᵀ · X` sums thousands of terms of both signs, so an entry near zero can
/// differ by more than its own size when the two libraries add in different orders.
func expectNear(_ a: [Float], _ b: [Float], _ what: String) {
    #expect(a.count == b.count)
    let scale = max(1, b.map(abs).max() ?? 0), worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
    #expect(worst <= 1e-5 * scale, "\(what): largest difference \(worst), largest entry \(scale)")
}

@Test("oneDNN's linear products equal OpenBLAS's and repeat their bits", arguments: productCases, [1, 2, 3])
func dnnlProductsMatchTheReference(c: ProductCase, workers: Int) {
    let reference = products(c, EngineContext(workers: workers))
    let dnnl = EngineContext(workers: workers, convPath: .onednn)
    let a = products(c, dnnl), b = products(c, dnnl)
    expectNear(a.y, reference.y, "X·Wᵀ")
    expectNear(a.d, reference.d, "Gᵀ·X")
    #expect(a.y == b.y && a.d == b.d)
    #expect(dnnl.matmul.decisions.count == 2 && dnnl.matmul.decisions.allSatisfy { $0.path == .onednn })
    #expect(dnnl.matmul.decisions.allSatisfy { !$0.detail.hasPrefix("?") })  // oneDNN named its kernel
}

@Test func theReferencePathIsOneOpenBLASCall() {
    let c = productCases.last!, context = EngineContext(workers: 2)
    let x = randomTensor([c.rows, c.k], seed: 31), w = randomTensor([c.n, c.k], seed: 32)
    var direct = [Float](repeating: 0, count: c.rows * c.n)
    context.blas.gemm(transB: true, m: c.rows, n: c.n, k: c.k, a: x.data, lda: c.k, b: w.data, ldb: c.k, c: &direct, ldc: c.n)
    #expect(products(c, context).y == direct)
    #expect(context.matmul.decisions.allSatisfy { $0.path == .im2col })
    #expect(!context.determinism.contains("linear products"))
    #expect(EngineContext(workers: 2, convPath: .onednn).determinism.hasSuffix("linear products oneDNN, rows split over 2 workers"))
}

@Test func aMeasuredProductIsTimedOnceAndThenReadFromTheCacheFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("matmul-path-cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = ConvPathCache(url: dir.appendingPathComponent("conv-paths.tsv"))
    let c = productCases.last!
    let first = EngineContext(workers: 2, convPath: .measured, convCache: cache)
    let a = products(c, first)
    #expect(first.matmul.decisions.count == 2 && first.matmul.decisions.allSatisfy { $0.detail.contains("timed: OpenBLAS") })
    #expect(cache.load().keys.filter { $0.contains("matmul") }.count == 2)
    let next = EngineContext(workers: 2, convPath: .measured, convCache: cache)
    let b = products(c, next)
    #expect(next.matmul.decisions.allSatisfy { $0.detail.hasSuffix("from the cache file") })
    #expect(next.matmul.decisions.map(\.path) == first.matmul.decisions.map(\.path))
    #expect(a.y == b.y && a.d == b.d)
}
