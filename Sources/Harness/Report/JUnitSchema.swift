/// The project's JUnit XML schema (`Sources/Harness/Resources/junit.xsd`), compiled into the binary so that a
/// copied `replicate` (a Slurm node, a CI artifact) still checks what it writes without a resource folder.
public enum JUnitSchema {
    /// The schema's text, exactly as in the repository file.
    public static let text = String(decoding: PackageResources.junit_xsd, as: UTF8.self)

    /// Problems of `xml` against the schema, one per line ("line 7: …"); empty means valid.
    public static func problems(in xml: String) -> [String] {
        JUnitValidator.validate(xml: xml, xsd: text)
    }
}
