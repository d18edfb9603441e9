/// The fixed vocabularies of the spec schema (everything except loss names, which come from the loss registry).
public enum KnownNames {
    /// Datasets and the split names each one has.
    public static let datasetSplits: [(name: String, splits: [String])] = [
        ("fashion-mnist", ["train", "test"]),
        ("cifar10", ["train", "test"]),
        ("cifar100", ["train", "test"]),
        ("stl10", ["train", "test", "unlabeled", "train+unlabeled"]),
        ("tiny-imagenet", ["train", "val", "test"]),
        ("imagenet100", ["train", "val"]),
        ("imagenet", ["train", "val"]),
    ]
    public static var datasets: [String] { datasetSplits.map(\.name) }
    public static func splits(of dataset: String) -> [String] {
        datasetSplits.first { $0.name == dataset }?.splits ?? []
    }

    public static let imbalances = ["none", "cacr-cifar10", "cacr-cifar100"]
    public static let backbones = ["convnet-s", "small-alexnet", "resnet18", "resnet50"]
    public static let resnets: Set<String> = ["resnet18", "resnet50"]
    public static let stems = ["cifar", "imagenet"]
    /// `encoder`: the backbone's representation (before any projector); `projector`: the projector's output;
    /// `output`: what the loss sees, L2-normalised; `fc7`: SmallAlexNet's penultimate layer.
    public static let features = ["encoder", "projector", "output", "fc7"]
    public static let protocols = ["linear-probe", "knn", "retrieval", "alignment-uniformity", "few-label"]
    public static let optimizers = ["sgd", "adam", "adamw", "lars", "lbfgs"]
    public static let schedules = ["constant", "multistep", "cosine", "warmup-cosine", "exponential"]
    public static let probeSelections = ["final", "best"]
    public static let checklistItems = ["pseudocode", "code", "datasets", "splits", "hardware", "software", "setup"]
    public static let checklistAnswers = ["yes", "no", "partial"]
    public static let sanityChecks = ["decreases", "finite", "above-random"]
    public static let claimKinds = ["sanity", "relative", "non-inferiority", "correlation", "interaction"]
    public static let units = ["percent", "fraction", "mse"]
    public static let provenanceSources = ["paper", "repository", "secondary", "calibration"]

    /// The measures each protocol reports, as its evaluator returns them; a metric is `<evaluation id>.<measure>`
    /// (or `loss`).
    public static func measures(of protocolName: String) -> [String] {
        TrialEvaluator.measures[protocolName] ?? []
    }

    /// Training-curve metrics that need no evaluation.
    public static let trainingMetrics = ["loss"]
}
