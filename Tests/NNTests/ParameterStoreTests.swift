import Testing
import Engine
import NN

@Test func storeViewsShareTheFlatBuffers() {
    let layout = ParameterLayout()
    let a = layout.parameter("a", [2, 3], isWeight: true, .constant(2))
    let b = layout.parameter("b", [4], isWeight: false, .constant(-1))
    let m = layout.buffer("m", [3], initial: 5)
    var rng = RNG(seed: 1)
    let store = ParameterStore(layout: layout, rng: &rng)
    #expect(store.count == 10)
    #expect(store.valueArray == [2, 2, 2, 2, 2, 2, -1, -1, -1, -1])
    store[b].data[1] = 7
    #expect(store.values[7] == 7)
    store[a].gradBuffer()[0] += 3
    #expect(store.grads[0] == 3)
    store.zeroGrads()
    #expect(store[a].gradArray.allSatisfy { $0 == 0 })
    #expect(store.buffer(m).array == [5, 5, 5])
}

@Test func emaMovesTowardTheOtherStore() {
    let layout = ParameterLayout()
    _ = layout.parameter("w", [2], isWeight: true, .constant(0))
    var rng = RNG(seed: 1)
    let key = ParameterStore(layout: layout, rng: &rng), query = ParameterStore(layout: layout, rng: &rng)
    query.values[0] = 10; query.values[1] = -10
    key.ema(toward: query, momentum: 0.9)
    #expect(abs(key.values[0] - 1) < 1e-6 && abs(key.values[1] + 1) < 1e-6)
}

@Test func uniformFanInInitialisationStaysInItsBound() {
    let layout = ParameterLayout()
    _ = layout.parameter("w", [64, 16], isWeight: true, .uniformFanIn(16))
    var rng = RNG(seed: 3)
    let store = ParameterStore(layout: layout, rng: &rng)
    let v = store.valueArray
    #expect(v.allSatisfy { abs($0) <= 0.25 })
    #expect(v.max()! > 0.2 && v.min()! < -0.2)
}
