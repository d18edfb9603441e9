/// The pretraining augmentation pipeline, in the fixed order crop, flip, colour jitter, grayscale, blur, normalize.
/// An absent operation is not applied; an absent parameter the paper does not state stays absent.
public struct AugmentSpec: Equatable, Sendable, Codable {
    public struct RandomResizedCrop: Equatable, Sendable, Codable {
        public var size: Int
        public var scale: [Double]
        /// Aspect-ratio range; nil = the library default the paper's code relied on (torchvision: 3/4 to 4/3).
        public var ratio: [Double]?
    }
    public struct ColorJitter: Equatable, Sendable, Codable {
        public var brightness: Double, contrast: Double, saturation: Double, hue: Double
        /// Probability the jitter is applied at all.
        public var p: Double
    }
    public struct GaussianBlur: Equatable, Sendable, Codable {
        public var p: Double
        public var sigma: [Double]
        /// Kernel size as a fraction of the image size (rounded to odd).
        public var kernelFraction: Double?
    }
    public struct Normalize: Equatable, Sendable, Codable {
        public var mean: [Double], std: [Double]
    }

    public var randomResizedCrop: RandomResizedCrop?
    public var horizontalFlip: Double?
    public var colorJitter: ColorJitter?
    public var grayscale: Double?
    public var gaussianBlur: GaussianBlur?
    public var normalize: Normalize?

    static func decode(_ node: SpecNode?, _ path: String, _ r: SpecReader) -> AugmentSpec? {
        guard let f = r.fields(node, path, required: [], optional: [
            "random_resized_crop", "horizontal_flip", "color_jitter", "grayscale", "gaussian_blur", "normalize"])
        else { return AugmentSpec() }
        var a = AugmentSpec()
        if let c = r.fields(f["random_resized_crop"], f.path("random_resized_crop"), required: ["size", "scale"], optional: ["ratio"]),
           let size = r.int(c["size"], c.path("size"), .positive),
           let scale = r.doubles(c["scale"], c.path("scale"), count: 2, .probability) {
            if scale[0] > scale[1] { r.error(c["scale"]!.location, c.path("scale"), "lower bound above upper bound") }
            a.randomResizedCrop = RandomResizedCrop(size: size, scale: scale,
                                                    ratio: r.doubles(c["ratio"], c.path("ratio"), count: 2, .positive))
        }
        a.horizontalFlip = r.double(f["horizontal_flip"], f.path("horizontal_flip"), .probability)
        let jitterKeys = ["brightness", "contrast", "saturation", "hue", "p"]
        if let j = r.fields(f["color_jitter"], f.path("color_jitter"), required: jitterKeys) {
            let v = jitterKeys.map { key in
                r.double(j[key], j.path(key), key == "p" ? .probability : (key == "hue" ? .probability : .nonNegative))
            }
            if let hue = v[3], hue > 0.5 { r.error(j["hue"]!.location, j.path("hue"), "must be in [0, 0.5], found \(hue)") }
            if let b = v[0], let c = v[1], let s = v[2], let h = v[3], let p = v[4], h <= 0.5 {
                a.colorJitter = ColorJitter(brightness: b, contrast: c, saturation: s, hue: h, p: p)
            }
        }
        a.grayscale = r.double(f["grayscale"], f.path("grayscale"), .probability)
        if let g = r.fields(f["gaussian_blur"], f.path("gaussian_blur"), required: ["p", "sigma"], optional: ["kernel_fraction"]),
           let p = r.double(g["p"], g.path("p"), .probability),
           let sigma = r.doubles(g["sigma"], g.path("sigma"), count: 2, .positive) {
            a.gaussianBlur = GaussianBlur(p: p, sigma: sigma,
                                          kernelFraction: r.double(g["kernel_fraction"], g.path("kernel_fraction"), .probability))
        }
        if let n = r.fields(f["normalize"], f.path("normalize"), required: ["mean", "std"]),
           let mean = r.doubles(n["mean"], n.path("mean")), let std = r.doubles(n["std"], n.path("std"), .positive) {
            if mean.count != std.count || !(mean.count == 1 || mean.count == 3) {
                r.error(n.location, n.path, "mean and std need 1 (grayscale) or 3 (RGB) values each, found \(mean.count) and \(std.count)")
            } else {
                a.normalize = Normalize(mean: mean, std: std)
            }
        }
        return a
    }
}
