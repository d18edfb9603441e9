import Testing
@testable import Data

@Suite struct DataErrorTests {
    static let source = DataSource(name: "CIFAR-10", layout: "cifar-10-batches-bin/data_batch_{1..5}.bin",
                                   archive: "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")

    @Test(arguments: [
        DataError.missingFile(looked: ["/r/cifar-10-batches-bin/data_batch_1.bin", "/r/data_batch_1.bin"], source: source),
        .corrupt(path: "/r/x.bin", expected: "30730000 bytes", found: "12"),
        .unreadable(path: "/r/y", reason: "Permission denied"),
        .unknownDataset(name: "mnist", known: ["fashion-mnist", "cifar10"]),
        .invalidParameter(name: "crop scale", value: "(2, 1)", expected: "0 < lo <= hi <= 1"),
    ])
    func descriptionsAreOneLine(error: DataError) {
        #expect(!error.description.isEmpty)
        #expect(!error.description.contains("\n"))
    }

    @Test func missingFileNamesEveryPathAndTheSource() {
        let text = DataError.missingFile(looked: ["/r/a/f.bin", "/r/f.bin"], source: Self.source).description
        #expect(text.contains("/r/a/f.bin") && text.contains("/r/f.bin"))
        #expect(text.contains("cifar-10-binary.tar.gz"))
        #expect(text.contains("cifar-10-batches-bin/data_batch_{1..5}.bin"))
    }

    @Test func corruptSaysExpectedAndFound() {
        let text = DataError.corrupt(path: "/r/x.bin", expected: "30730000 bytes", found: "12").description
        #expect(text.contains("/r/x.bin") && text.contains("30730000 bytes") && text.contains("12"))
    }
}
