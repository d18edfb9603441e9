import Contrastive
import Engine
import NN
import Testing

struct ManifoldOperatorsTests {
    func operators(d: Int = 8, m: Int = 3, blocks: Int = 2) -> (ManifoldOperators, ParameterStore) {
        let layout = ParameterLayout()
        let ops = ManifoldOperators(layout, featureDim: d, dictionarySize: m, blocks: blocks)
        var rng = RNG(seed: 3)
        let store = ParameterStore(layout: layout, rng: &rng)
        ops.initialize(store, rng: &rng)
        return (ops, store)
    }

    @Test func stableInitialisationIsRotationBlocks() {
        let (ops, store) = operators()
        let b = ops.blockDim, p = store[ops.psi].array
        for m in 0..<3 {
            for s in 0..<2 {
                let block = Array(p[(m * 2 + s) * b * b ..< (m * 2 + s + 1) * b * b])
                let real = block[0], imag = block[b]
                #expect(abs(real) <= 0.5e-4 && abs(imag) <= 3 && imag != 0)
                for i in 0..<b {
                    for j in 0..<b {
                        let want: Float = i == j ? real : (i / 2 != j / 2 ? 0 : (i > j ? imag : -imag))
                        #expect(block[i * b + j] == want)
                    }
                }
            }
        }
    }

    @Test("transport applies expm(Σ c_m Ψ_m) to each block of each row")
    func transportIsBlockwiseExponential() {
        let (ops, store) = operators()
        let z = Tensor((0..<16).map { Float($0) / 10 - 0.7 }, shape: [2, 8])
        let c = Tensor([0.1, -0.2, 0.05, 0.3, 0, -0.1], shape: [2, 3])
        let tape = Tape.inference()
        let out = ops.transport(z, coefficients: c, store, tape).array
        let psi = store[ops.psi].array, b = 4
        for row in 0..<2 {
            for s in 0..<2 {
                var a = [Float](repeating: 0, count: b * b)
                for m in 0..<3 { for k in 0..<(b * b) { a[k] += c.data[row * 3 + m] * psi[(m * 2 + s) * b * b + k] } }
                let t = tape.matrixExp(Tensor(a, shape: [1, b, b])).array
                for i in 0..<b {
                    var v: Float = 0
                    for j in 0..<b { v += t[i * b + j] * z.data[row * 8 + s * b + j] }
                    #expect(abs(out[row * 8 + s * b + i] - v) < 1e-5)
                }
            }
        }
        // Zero coefficients leave the features unchanged; rotation generators preserve each block's norm.
        #expect(ops.transport(z, coefficients: Tensor(zeros: [2, 3]), store, tape).array == z.array)
        let norms = { (x: [Float]) in (0..<4).map { k in x[(k * 4)..<(k * 4 + 4)].map { $0 * $0 }.reduce(0, +) } }
        #expect(zip(norms(out), norms(z.array)).allSatisfy { abs($0 - $1) < 1e-3 * max(1, $1) })
    }

    @Test func transportGradient() {
        let (ops, store) = operators()
        let z = Tensor((0..<16).map { Float($0) / 10 - 0.7 }, shape: [2, 8])
        let c = Tensor([0.1, -0.2, 0.05, 0.3, 0, -0.1], shape: [2, 3])
        let err = GradientCheck.maxError(inputs: [z, c, store[ops.psi]], epsilon: 1e-3) { tape, t in
            tape.sum(tape.square(ops.transport(t[0], coefficients: t[1], store, tape)))
        }
        #expect(err < 2e-3)
    }
}
