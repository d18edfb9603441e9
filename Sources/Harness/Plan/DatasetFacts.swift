/// Sizes and shapes of the data sets, for cost estimates without reading any data.
/// Counts are the official split sizes of each data set's own distribution.
enum DatasetFacts {
    static func channels(_ dataset: String) -> Int { dataset == "fashion-mnist" ? 1 : 3 }

    /// Images in `split`, or nil when the count is not fixed by the data set (ImageNet-100 depends on its class list).
    static func count(_ dataset: String, split: String) -> Int? {
        switch (dataset, split) {
        case ("fashion-mnist", "train"): return 60_000
        case ("fashion-mnist", "test"): return 10_000
        case ("cifar10", "train"), ("cifar100", "train"): return 50_000
        case ("cifar10", "test"), ("cifar100", "test"): return 10_000
        case ("stl10", "train"): return 5_000
        case ("stl10", "test"): return 8_000
        case ("stl10", "unlabeled"): return 100_000
        case ("stl10", "train+unlabeled"): return 105_000
        case ("tiny-imagenet", "train"): return 100_000
        case ("tiny-imagenet", "val"), ("tiny-imagenet", "test"): return 10_000
        case ("imagenet", "train"): return 1_281_167
        case ("imagenet", "val"): return 50_000
        default: return nil
        }
    }
}
