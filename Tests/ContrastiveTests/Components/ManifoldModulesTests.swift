import Contrastive
import NN
import Testing

struct ManifoldModulesTests {
    @Test func declaresOperatorAndCoefficientGroups() {
        let layout = ParameterLayout()
        _ = LinearLayer(layout, "backbone.fc", in: 2, out: 2)
        let m = ManifoldModules(layout, featureDim: 8, dictionarySize: 3, blocks: 2)
        #expect(m.operatorParameters == ["manifold.psi"])
        #expect(m.coefficientParameters.count == 20 && m.coefficientParameters.allSatisfy { $0.hasPrefix("manifold.") })
        #expect(!m.coefficientParameters.contains("backbone.fc.weight"))
        let psi = layout.parameters.first { $0.name == "manifold.psi" }!
        #expect(psi.shape == [3, 2 * 4 * 4])
    }

    @Test("feature widths must split into even blocks", arguments: [(128, 8, true), (64, 8, true), (60, 8, false), (24, 8, false)])
    func shapeProblem(width: Int, blocks: Int, ok: Bool) {
        #expect((ManifoldModules.shapeProblem(featureDim: width, blocks: blocks) == nil) == ok)
    }
}
