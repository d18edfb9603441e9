import Testing
import NN

@Test("Adam and AdamW follow PyTorch's update rule", arguments: [false, true])
func adamMatchesHandComputedSteps(decoupled: Bool) {
    let opt = Adam(count: 1, beta1: 0.5, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, decoupled: decoupled)
    var value: [Float] = [1]
    var p = 1.0, m = 0.0, v = 0.0
    for t in 1...4 {
        let g = 0.3 * Double(t)
        value.withUnsafeMutableBufferPointer { vp in [Float(g)].withUnsafeBufferPointer { opt.step(values: vp.baseAddress!, grads: $0.baseAddress!, lr: 0.01) } }
        if decoupled { p *= 1 - 0.01 * 0.1 }
        let grad = decoupled ? g : g + 0.1 * p
        m = 0.5 * m + 0.5 * grad; v = 0.999 * v + 0.001 * grad * grad
        let mh = m / (1 - pow(0.5, Double(t))), vh = v / (1 - pow(0.999, Double(t)))
        p -= 0.01 * mh / (vh.squareRoot() + 1e-8)
    }
    #expect(abs(Double(value[0]) - p) < 1e-5)
}

#if canImport(Glibc)
import Glibc
#endif
