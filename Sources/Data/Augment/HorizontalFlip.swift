/// Mirrors a `(C, H, W)` float image left–right in place (torchvision `RandomHorizontalFlip` once its coin
/// says flip).
public enum HorizontalFlip {
    public static func apply(_ image: UnsafeMutablePointer<Float>, channels: Int, height: Int, width: Int) {
        for r in 0..<(channels * height) {
            let row = image + r * width
            var i = 0, j = width - 1
            while i < j { let t = row[i]; row[i] = row[j]; row[j] = t; i += 1; j -= 1 }
        }
    }
}
