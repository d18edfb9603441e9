/// The IDX format of MNIST and Fashion-MNIST: a big-endian magic (`0x0000_08_nd`: unsigned bytes, `nd`
/// dimensions), `nd` big-endian 32-bit sizes, then the bytes.
public struct IDXFile {
    /// Magic of an image file (3 dimensions: count, rows, columns).
    public static let imageMagic: UInt32 = 2051
    /// Magic of a label file (1 dimension: count).
    public static let labelMagic: UInt32 = 2049

    public let dimensions: [Int]
    /// The payload, `dimensions.product` bytes.
    public let payload: ArraySlice<UInt8>

    /// Parses `bytes` read from `path`, checking the magic and that the payload has exactly the declared size.
    public init(bytes: [UInt8], path: String, expectedMagic: UInt32) throws {
        func be32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
        }
        guard bytes.count >= 4 else {
            throw DataError.corrupt(path: path, expected: "an IDX header (magic \(expectedMagic))",
                                    found: "\(bytes.count) bytes")
        }
        let magic = be32(0)
        guard magic == expectedMagic else {
            throw DataError.corrupt(path: path, expected: "IDX magic number \(expectedMagic)", found: "\(magic)")
        }
        let nd = Int(magic & 0xFF)
        let header = 4 + 4 * nd
        guard bytes.count >= header else {
            throw DataError.corrupt(path: path, expected: "a \(header)-byte IDX header", found: "\(bytes.count) bytes")
        }
        dimensions = (0..<nd).map { Int(be32(4 + 4 * $0)) }
        // Sizes come from the file: a product past Int.max is a corrupt header, not an overflow.
        var size = 1
        for d in dimensions {
            let (p, overflow) = size.multipliedReportingOverflow(by: d)
            guard !overflow else {
                throw DataError.corrupt(path: path, expected: "IDX dimensions whose product fits in memory",
                                        found: dimensions.map(String.init).joined(separator: "x"))
            }
            size = p
        }
        guard bytes.count - header == size else {
            throw DataError.corrupt(path: path,
                                    expected: "\(size) data bytes for dimensions \(dimensions.map(String.init).joined(separator: "x"))",
                                    found: "\(bytes.count - header)")
        }
        payload = bytes[header...]
    }

    /// Serialises an IDX file of unsigned bytes (tests write files in the official format with it).
    public static func encode(dimensions: [Int], payload: [UInt8]) -> [UInt8] {
        precondition(dimensions.reduce(1, *) == payload.count, "payload size does not match \(dimensions)")
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        var out = be32(0x0800 | UInt32(dimensions.count))
        for d in dimensions { out += be32(UInt32(d)) }
        return out + payload
    }
}
