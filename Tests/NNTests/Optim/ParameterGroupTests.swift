import Testing
import Engine
import NN

/// A store with a grouped parameter `a` (4 values) and a plain weight `b` (3 values), fixed values and gradients.
private func groupedStore(group: Bool) -> ParameterStore {
    let layout = ParameterLayout()
    _ = layout.parameter("a", [4], isWeight: true, .constant(0))
    _ = layout.parameter("b", [3], isWeight: true, .constant(0))
    if group { layout.setGroup(["a"], learningRateScale: 0.1, weightDecay: 0.5) }
    var rng = RNG(seed: 1)
    let store = ParameterStore(layout: layout, rng: &rng)
    for i in 0..<7 { store.values[i] = Float(i) * 0.3 - 1; store.grads[i] = Float(6 - i) * 0.2 - 0.5 }
    return store
}

/// A single-parameter store holding `values` and `grads`.
private func single(_ values: [Float], _ grads: [Float]) -> ParameterStore {
    let layout = ParameterLayout()
    _ = layout.parameter("p", [values.count], isWeight: true, .constant(0))
    var rng = RNG(seed: 1)
    let store = ParameterStore(layout: layout, rng: &rng)
    for i in values.indices { store.values[i] = values[i]; store.grads[i] = grads[i] }
    return store
}

@Test("a parameter group trains as its own optimizer with the scaled rate and its decay; the rest as before",
      arguments: ["sgd", "adam", "adamw"])
func parameterGroupsMatchSeparateOptimizers(kind: String) {
    let lr: Float = 0.05, decay: Float = 0.01
    func settings(_ wd: Float) -> OptimizerSettings {
        switch kind {
        case "sgd": return OptimizerSettings(.sgd(momentum: 0.9, nesterov: false), weightDecay: wd)
        default: return OptimizerSettings(.adam(beta1: 0.9, beta2: 0.999, eps: 1e-8, decoupled: kind == "adamw"), weightDecay: wd)
        }
    }
    let store = groupedStore(group: true)
    let values = store.valueArray, grads = Array(UnsafeBufferPointer(start: store.grads, count: 7))
    let a = single(Array(values[0..<4]), Array(grads[0..<4])), b = single(Array(values[4...]), Array(grads[4...]))
    let grouped = settings(decay).make(for: store)
    let optA = settings(0.5).make(for: a), optB = settings(decay).make(for: b)
    for _ in 0..<3 {
        grouped.step(store, lr: lr)
        optA.step(a, lr: lr * 0.1)
        optB.step(b, lr: lr)
    }
    #expect(store.valueArray == a.valueArray + b.valueArray)
    #expect(store.valueArray != values)
}

@Test func larsGroupGetsItsRateAndDecayWithoutTrustRatio() {
    let lr: Float = 0.2
    let store = groupedStore(group: true), plain = groupedStore(group: false)
    let before = store.valueArray, grads = Array(UnsafeBufferPointer(start: store.grads, count: 7))
    OptimizerSettings(.lars(momentum: 0.9, trustCoefficient: 1e-3, nesterov: false), weightDecay: 0.01).make(for: store).step(store, lr: lr)
    OptimizerSettings(.lars(momentum: 0.9, trustCoefficient: 1e-3, nesterov: false), weightDecay: 0.01).make(for: plain).step(plain, lr: lr)
    for i in 0..<4 {
        let want = before[i] - lr * 0.1 * (grads[i] + 0.5 * before[i])
        #expect(abs(store.values[i] - want) < 1e-6)
    }
    #expect(Array(store.valueArray[4...]) == Array(plain.valueArray[4...]))
}
