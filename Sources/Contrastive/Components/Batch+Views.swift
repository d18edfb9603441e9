import Engine
import Data

extension Batch {
    /// View `v` of the `N` images, `(N, C, H, W)`: a window onto `views`, no copy.
    public func view(_ v: Int) -> Tensor {
        let n = indices.count
        precondition(v >= 0 && v < viewCount, "view \(v) of a batch with \(viewCount) views")
        let per = views.count / views.shape[0]
        return Tensor(view: views.data + v * n * per, grad: nil, shape: [n] + views.shape.dropFirst(), base: views)
    }
}

extension Tensor {
    /// Rows `rows` of an `(N, …)` tensor, in that order, as a new tensor (images for a chunk of a batch).
    func gatheringRows(_ rows: [Int]) -> Tensor {
        let per = count / max(shape[0], 1)
        let out = Tensor(uninitialized: [rows.count] + shape.dropFirst())
        for (j, r) in rows.enumerated() { (out.data + j * per).update(from: data + r * per, count: per) }
        return out
    }

    /// A copy with unit-norm rows (`F.normalize` on `(N, D)`), outside any tape.
    func rowsNormalized() -> Tensor {
        precondition(shape.count == 2)
        let n = shape[0], d = shape[1]
        let out = Tensor(uninitialized: shape)
        for i in 0..<n {
            let p = data + i * d, q = out.data + i * d
            var s: Float = 0
            for j in 0..<d { s += p[j] * p[j] }
            let norm = Swift.max(s.squareRoot(), 1e-12)
            for j in 0..<d { q[j] = p[j] / norm }
        }
        return out
    }
}
