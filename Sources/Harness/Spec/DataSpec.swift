/// Which dataset and splits a recipe pretrains and evaluates on.
public struct DataSpec: Equatable, Sendable, Codable {
    public var dataset: String
    /// Split used for contrastive pretraining, e.g. `train+unlabeled` for STL-10.
    public var trainSplit: String
    /// Split the evaluation heads (probe, kNN bank) are fitted on.
    public var evalTrainSplit: String
    /// Split the reported metrics are measured on.
    public var evalTestSplit: String
    public var imageSize: Int
    /// `none`, or a class-imbalance profile as CACR codes it: `cacr-cifar10` (class i keeps floor((i+1)/10 * n_i); any
    /// 10-class dataset) or `cacr-cifar100` (class c keeps floor(exp(c/10 + 1)/exp(10) * 500), integer division c/10).
    public var imbalance: String
    /// Pretrain on this many images of the train split (after `imbalance`), one fixed random choice for every
    /// seed; nil: all. Lets a short run cover whole epochs (a memory bank of every image needs them).
    public var trainSubset: Int? = nil

    static let keys = ["dataset", "train_split", "eval_train_split", "eval_test_split", "image_size"]

    static func decode(_ node: SpecNode?, _ path: String, _ r: SpecReader) -> DataSpec? {
        guard let f = r.fields(node, path, required: keys, optional: ["imbalance", "train_subset"]) else { return nil }
        let dataset = r.name(f["dataset"], f.path("dataset"), among: KnownNames.datasets, what: "dataset")
        var splits: [String: String] = [:]
        for key in ["train_split", "eval_train_split", "eval_test_split"] {
            if let dataset {
                splits[key] = r.name(f[key], f.path(key), among: KnownNames.splits(of: dataset), what: "split of \(dataset)")
            } else {
                splits[key] = r.string(f[key], f.path(key))
            }
        }
        let size = r.int(f["image_size"], f.path("image_size"), .positive)
        let imbalance = f.has("imbalance")
            ? r.name(f["imbalance"], f.path("imbalance"), among: KnownNames.imbalances, what: "imbalance profile") : "none"
        // CACR's CIFAR-10 profile keeps (i+1)/10 of class i, which any 10-class dataset can follow.
        let fits = ["cacr-cifar10": ["cifar10", "fashion-mnist", "stl10"], "cacr-cifar100": ["cifar100"]]
        if let dataset, let imbalance, let i = f["imbalance"], let allowed = fits[imbalance], !allowed.contains(dataset) {
            r.error(i.location, f.path("imbalance"), "imbalance profile '\(imbalance)' needs one of \(allowed.joined(separator: ", ")), not \(dataset)")
        }
        let trainSubset = f.has("train_subset") ? r.int(f["train_subset"], f.path("train_subset"), .positive) : nil
        if f.has("train_subset"), trainSubset == nil { return nil }
        // The official split sizes are known, so a subset larger than its split is a spec error, found here.
        if let n = trainSubset, let dataset, let split = splits["train_split"], let node = f["train_subset"],
           let total = DatasetFacts.count(dataset, split: split), n > total {
            r.error(node.location, f.path("train_subset"), "train_subset \(n) is larger than the \(total) images of \(dataset) '\(split)'")
        }
        guard let dataset, let train = splits["train_split"], let evalTrain = splits["eval_train_split"],
              let evalTest = splits["eval_test_split"], let size, let imbalance else { return nil }
        return DataSpec(dataset: dataset, trainSplit: train, evalTrainSplit: evalTrain, evalTestSplit: evalTest,
                        imageSize: size, imbalance: imbalance, trainSubset: trainSubset)
    }
}
