import Testing
import Engine
import NN

@Test("the projector's last layer has a bias unless last_bias is false", arguments: [true, false])
func projectorLastBias(lastBias: Bool) {
    let layout = ParameterLayout()
    let head = Projector(layout, input: 8, hidden: [16], output: 4, batchNorm: true, lastBias: lastBias)
    let names = layout.parameters.map(\.name)
    #expect(names.contains("projector.out.bias") == lastBias, "\(names)")
    // 8·16 (fc1, no bias before BN) + 2·16 (BN) + 16·4 (+ 4 with the bias).
    #expect(layout.parameterCount == 8 * 16 + 2 * 16 + 16 * 4 + (lastBias ? 4 : 0))
    var rng = RNG(seed: 1)
    let store = ParameterStore(layout: layout, rng: &rng)
    let x = Tensor((0..<(3 * 8)).map { _ in rng.normal() }, shape: [3, 8])
    #expect(head(x, store, Tape.inference()).shape == [3, 4])
}
