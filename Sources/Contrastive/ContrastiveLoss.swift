import Engine

/// What a contrastive loss sees in one training step.
public struct LossInput {
    /// `V` views of the same `N` images, each `(N, D)`: row `i` of every view comes from image `i`.
    /// These are projector outputs, not yet normalised (each loss normalises as its paper does).
    public var views: [Tensor]
    /// Dataset indices of the `N` images (memory banks key on them), when the method needs them.
    public var indices: [Int]?
    /// Extra negatives `(K, D)` (a MoCo queue, memory-bank rows); stop-gradient.
    public var negatives: Tensor?
    /// `N × k` non-negative random integers, row-major, for losses that sample negatives: a loss reads draw `r`
    /// as candidate `r mod (size of the set it samples from)`. Drawn by the training method from `(seed, step)`,
    /// so sampling is reproducible and a test can feed fixed indices.
    public var draws: [Int]?
    /// Where training is (annealed losses read it); nil outside training.
    public var position: TrainingPosition?

    public init(views: [Tensor], indices: [Int]? = nil, negatives: Tensor? = nil, draws: [Int]? = nil,
                position: TrainingPosition? = nil) {
        self.views = views; self.indices = indices; self.negatives = negatives; self.draws = draws
        self.position = position
    }
}

/// The optimiser step a loss is evaluated at, and the epoch length that turns epochs into steps.
public struct TrainingPosition: Sendable, Equatable {
    public var step: Int
    public var stepsPerEpoch: Int
    public init(step: Int, stepsPerEpoch: Int) { self.step = step; self.stepsPerEpoch = stepsPerEpoch }
}

/// A contrastive objective built from differentiable ops, so its gradient comes from the tape.
public protocol ContrastiveLoss {
    /// The scalar loss, recorded on `tape`.
    func callAsFunction(_ input: LossInput, tape: Tape) -> Tensor
    /// How many augmented views of each image the loss consumes (2, or K+1 for CACR).
    var viewCount: Int { get }
    /// Why `input` cannot go into this loss (view count, shapes), or nil. The call itself only has
    /// preconditions; callers holding user data (`replicate loss`) ask first.
    func inputProblem(_ input: LossInput) -> String?
}

extension ContrastiveLoss {
    public var viewCount: Int { 2 }

    public func inputProblem(_ input: LossInput) -> String? { standardInputProblem(input) }

    /// `viewCount` views, all `(N, D)` of one shape with `N >= 2` and `D >= 1`.
    public func standardInputProblem(_ input: LossInput) -> String? {
        let views = input.views
        guard views.count == viewCount else { return "expects \(viewCount) views, got \(views.count)" }
        let shape = views[0].shape
        guard shape.count == 2, shape[0] >= 2, shape[1] >= 1 else {
            return "views must be (N, D) with N >= 2 rows and D >= 1 columns, got \(shape)"
        }
        if let (k, other) = views.enumerated().first(where: { $0.element.shape != shape }).map({ ($0.offset, $0.element.shape) }) {
            return "view \(k) has shape \(other), view 0 has \(shape): all views must have the same shape"
        }
        return nil
    }
}

/// One named, documented parameter of a registered loss.
public struct LossParameter: Sendable {
    public var name: String
    public var defaultValue: Double
    /// Accepted values, inclusive; specs outside it are rejected with the range in the message.
    public var range: ClosedRange<Double>
    public var doc: String
    /// Whether only whole numbers are accepted (counts, and choices encoded as numbers, since specs give
    /// every loss parameter as a number).
    public var integer: Bool
    public init(_ name: String, default defaultValue: Double, range: ClosedRange<Double>, integer: Bool = false,
                doc: String) {
        self.name = name; self.defaultValue = defaultValue; self.range = range; self.integer = integer; self.doc = doc
    }
}

/// A loss as specs name it: its parameters and how to build it from resolved values.
public struct LossEntry: Sendable {
    public var name: String
    public var summary: String
    /// The paper it comes from.
    public var paper: String
    public var parameters: [LossParameter]
    /// The queue, bank or momentum encoder a method using this loss must have (and no others).
    public var components: LossComponents
    let countViews: @Sendable (LossArguments) -> Int
    let build: @Sendable (LossArguments) -> any ContrastiveLoss

    /// `views`: augmented views per image the loss consumes in batch form (CACR: K + 1), equal to the built loss's
    /// `viewCount` (tested for every entry), so the spec layer need not build it. `make` builds the loss from
    /// resolved, typed arguments.
    public init(name: String, summary: String, paper: String, parameters: [LossParameter],
                components: LossComponents = .batch, views: @escaping @Sendable (LossArguments) -> Int = { _ in 2 },
                make: @escaping @Sendable (LossArguments) -> any ContrastiveLoss) {
        self.name = name; self.summary = summary; self.paper = paper; self.parameters = parameters
        self.components = components; self.countViews = views; self.build = make
    }

    /// The loss for a complete parameter set (defaults already filled in by `resolve`).
    public func make(_ resolved: [String: Double]) -> any ContrastiveLoss { build(LossArguments(resolved)) }

    /// The views per image the loss consumes with these resolved parameters, without building it.
    public func views(_ resolved: [String: Double]) -> Int { countViews(LossArguments(resolved)) }

    /// Fills defaults; fails with the offending key when a name is unknown, a value out of range, or a fraction
    /// where a whole number is required.
    public func resolve(_ given: [String: Double]) -> Result<[String: Double], LossParameterError> {
        var out: [String: Double] = [:]
        for key in given.keys where !parameters.contains(where: { $0.name == key }) {
            return .failure(.unknown(key: key, known: parameters.map(\.name)))
        }
        for p in parameters {
            let v = given[p.name] ?? p.defaultValue
            if !p.range.contains(v) { return .failure(.outOfRange(key: p.name, value: v, range: p.range)) }
            if p.integer && v.rounded() != v { return .failure(.notInteger(key: p.name, value: v)) }
            out[p.name] = v
        }
        return .success(out)
    }
}

/// Why a loss's parameters were rejected.
public enum LossParameterError: Error, Equatable {
    case unknown(key: String, known: [String])
    case outOfRange(key: String, value: Double, range: ClosedRange<Double>)
    case notInteger(key: String, value: Double)
}
