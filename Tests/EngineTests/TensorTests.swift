import Testing
import Engine

@Test func gradDestinationOverwritesOnlyOnFirstUse() {
    let t = Tensor(zeros: [5])
    let first = t.gradDestination()
    #expect(first.overwrite)
    for i in 0..<5 { first.pointer[i] = Float(i) }
    let second = t.gradDestination()
    #expect(!second.overwrite && second.pointer == first.pointer)
    #expect(t.gradArray == [0, 1, 2, 3, 4])
    let zeroed = Tensor(zeros: [3])
    _ = zeroed.gradBuffer()
    #expect(!zeroed.gradDestination().overwrite)
}

@Test func viewGradientsAreAlwaysAccumulated() {
    let store = UnsafeMutablePointer<Float>.allocate(capacity: 4), grads = UnsafeMutablePointer<Float>.allocate(capacity: 4)
    defer { store.deallocate(); grads.deallocate() }
    grads.initialize(repeating: 1, count: 4)
    let view = Tensor(view: store, grad: grads, shape: [4])
    let d = view.gradDestination()
    #expect(!d.overwrite && d.pointer == grads)
}

@Test func largeTensorsReuseFreedMemoryWithFreshContents() {
    // Heap reuse across steps must never leak one tensor's values into a zero-initialised one.
    for _ in 0..<3 {
        let a = Tensor(uninitialized: [1 << 22])
        a.fill(7)
        let z = Tensor(zeros: [1 << 22])
        #expect(z.data[0] == 0 && z.data[z.count - 1] == 0)
        #expect(a.data[a.count / 2] == 7)
    }
}
