import Foundation
import Testing
@testable import Harness

@Suite struct JUnitValidatorTests {
    /// The schema compiled into the binary, the one the writer checks its output against.
    func schema() throws -> String { JUnitSchema.text }

    static let valid = """
    <?xml version="1.0"?>
    <testsuites>
      <testsuite name="p.smoke" tests="1" failures="0" errors="0">
        <testcase classname="p.smoke" name="a" time="1.5"/>
      </testsuite>
    </testsuites>
    """

    @Test func handWrittenMinimalDocumentIsValid() throws {
        #expect(JUnitValidator.validate(xml: Self.valid, xsd: try schema()) == [])
    }

    @Test(arguments: [
        ("duplicate classname+name", Self.valid.replacingOccurrences(of: "<testcase classname=\"p.smoke\" name=\"a\" time=\"1.5\"/>",
            with: "<testcase classname=\"p.smoke\" name=\"a\"/><testcase classname=\"p.smoke\" name=\"a\"/>"), "line 4"),
        ("missing name", Self.valid.replacingOccurrences(of: " name=\"a\"", with: ""), "line 4"),
        ("exponent time", Self.valid.replacingOccurrences(of: "1.5", with: "1e-05"), "line 4"),
        ("two outcomes", Self.valid.replacingOccurrences(of: "time=\"1.5\"/>", with: "><failure/><error/></testcase>"), "line 4"),
        ("missing tests count", Self.valid.replacingOccurrences(of: " tests=\"1\"", with: ""), "line 3"),
        ("not well-formed", "<testsuites><testsuite>", "line 1"),
    ])
    func brokenDocumentsAreRejectedWithLineNumbers(label: String, xml: String, line: String) throws {
        let problems = JUnitValidator.validate(xml: xml, xsd: try schema())
        #expect(!problems.isEmpty, "\(label) was accepted")
        #expect(problems.allSatisfy { $0.hasPrefix("line ") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix(line) }, "\(label): \(problems)")
    }

    @Test func aBrokenSchemaIsReportedAsSuch() {
        let problems = JUnitValidator.validate(xml: Self.valid, xsd: "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema>")
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.hasPrefix("schema") })
    }

    @Test func missingSchemaFileThrowsWithItsPath() {
        let url = URL(fileURLWithPath: "/nonexistent/junit.xsd")
        #expect(throws: ReportError.self) { try JUnitValidator.validate(xml: Self.valid, xsdAt: url) }
        do { _ = try JUnitValidator.validate(xml: Self.valid, xsdAt: url) } catch {
            #expect("\(error)".contains("/nonexistent/junit.xsd"))
        }
    }
}

@Suite struct JUnitSchemaTests {
    @Test func compiledSchemaIsTheRepositoryFile() throws {
        // .ci/run hands the file to xmllint; the binary checks against its compiled copy: they must be one schema.
        let file = try String(contentsOf: ReportFixtures.junitXSD, encoding: .utf8)
        #expect(file == JUnitSchema.text)
        #expect(JUnitSchema.problems(in: JUnitValidatorTests.valid) == [])
    }

    @Test func duplicateSuiteNamesAreRejected() {
        let suite = "<testsuite name=\"p.smoke\" tests=\"0\" failures=\"0\" errors=\"0\"/>"
        let xml = "<?xml version=\"1.0\"?>\n<testsuites>\n\(suite)\n\(suite)\n</testsuites>\n"
        #expect(!JUnitSchema.problems(in: xml).isEmpty)
    }
}
