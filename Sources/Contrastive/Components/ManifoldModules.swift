import Engine
import NN

/// Everything ManifoldCLR learns besides the backbone and projector: the operator dictionary and the coefficient
/// encoder with its learned prior, declared in one parameter layout (the network's, so the optimiser and
/// checkpoints cover them).
public struct ManifoldModules {
    public let operators: ManifoldOperators
    public let coefficients: ManifoldCoefficientEncoder
    /// Names of the operator parameters and of the encoder/prior parameters, for per-group hyper-parameters.
    public let operatorParameters: Set<String>
    public let coefficientParameters: Set<String>

    /// Declares the modules for `featureDim`-wide backbone features; the encoder's hidden width is the feature width
    /// (the official 512 for a 512-d ResNet-18).
    public init(_ layout: ParameterLayout, featureDim: Int, dictionarySize: Int, blocks: Int) {
        let before = Set(layout.parameters.map(\.name))
        operators = ManifoldOperators(layout, featureDim: featureDim, dictionarySize: dictionarySize, blocks: blocks)
        let afterOperators = Set(layout.parameters.map(\.name))
        coefficients = ManifoldCoefficientEncoder(layout, featureDim: featureDim, hidden: featureDim,
                                                  dictionarySize: dictionarySize)
        operatorParameters = afterOperators.subtracting(before)
        coefficientParameters = Set(layout.parameters.map(\.name)).subtracting(afterOperators)
    }

    /// Why features of width `featureDim` cannot be cut into `blocks` rotation blocks, or nil.
    public static func shapeProblem(featureDim: Int, blocks: Int) -> String? {
        guard blocks > 0, featureDim % blocks == 0 else {
            return "feature width \(featureDim) does not split into \(blocks) blocks"
        }
        guard (featureDim / blocks) % 2 == 0 else {
            return "blocks of \(featureDim / blocks) features: the operators' rotation initialisation needs an even block width"
        }
        return nil
    }
}
