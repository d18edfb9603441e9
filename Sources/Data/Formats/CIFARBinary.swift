/// The CIFAR "binary version" record format: per image, `labelBytes` label bytes then 3072 bytes of
/// R, G, B planes of 32×32 in row-major order (CIFAR-10: 1 label byte; CIFAR-100: coarse then fine).
public enum CIFARBinary {
    public static let side = 32
    public static let imageBytes = 3 * 32 * 32

    /// Decodes the records of one file; `labelIndex` picks which label byte to keep (CIFAR-100: 0 coarse, 1 fine).
    /// With `expectedRecords`, the file must hold exactly that many.
    public static func decode(_ bytes: [UInt8], path: String, labelBytes: Int, labelIndex: Int, classes: Int,
                              expectedRecords: Int?) throws -> (pixels: [UInt8], labels: [Int32]) {
        let record = labelBytes + imageBytes
        if let n = expectedRecords, bytes.count != n * record {
            throw DataError.corrupt(path: path, expected: "\(n * record) bytes (\(n) records of \(record))",
                                    found: "\(bytes.count) bytes")
        }
        guard bytes.count % record == 0 else {
            throw DataError.corrupt(path: path, expected: "a whole number of \(record)-byte records",
                                    found: "\(bytes.count) bytes")
        }
        let n = bytes.count / record
        var pixels = [UInt8](repeating: 0, count: n * imageBytes)
        var labels = [Int32](repeating: 0, count: n)
        try bytes.withUnsafeBufferPointer { src in
            try pixels.withUnsafeMutableBufferPointer { dst in
                for i in 0..<n {
                    let r = src.baseAddress! + i * record
                    let label = r[labelIndex]
                    guard Int(label) < classes else {
                        throw DataError.corrupt(path: path, expected: "labels 0..<\(classes)",
                                                found: "label \(label) in record \(i)")
                    }
                    labels[i] = Int32(label)
                    (dst.baseAddress! + i * imageBytes).update(from: r + labelBytes, count: imageBytes)
                }
            }
        }
        return (pixels, labels)
    }

    /// Encodes images `(N, 3, 32, 32)` with their label bytes as records (tests write official files with it).
    public static func encode(pixels: [UInt8], labels: [[UInt8]]) -> [UInt8] {
        precondition(pixels.count == labels.count * imageBytes, "pixels for \(labels.count) images expected")
        var out: [UInt8] = []
        out.reserveCapacity(labels.count * (imageBytes + (labels.first?.count ?? 1)))
        for (i, l) in labels.enumerated() {
            out += l
            out += pixels[i * imageBytes..<(i + 1) * imageBytes]
        }
        return out
    }
}
