import Foundation

/// Checks a JUnit document against an XML Schema (normally the project's own, `JUnitSchema`) with libxml2.
public enum JUnitValidator {
    /// One message per problem, each with its line ("line 7: Element 'testcase': ..."); empty means valid.
    /// A malformed document yields its parse error; a broken schema yields messages prefixed "schema".
    public static func validate(xml: String, xsd: String) -> [String] {
        LibXML.validate(xml: xml, xsd: xsd)
    }

    /// Reads the schema from `xsdURL` and validates; a missing schema is an error, not a pass.
    public static func validate(xml: String, xsdAt xsdURL: URL) throws -> [String] {
        guard let xsd = try? String(contentsOf: xsdURL, encoding: .utf8) else {
            throw ReportError.io(path: xsdURL.path, reason: "cannot read the JUnit XML schema (expected junit.xsd)")
        }
        return validate(xml: xml, xsd: xsd)
    }
}
