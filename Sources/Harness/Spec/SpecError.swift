/// A spec or expected file that failed validation: every error of the file(s), reported at once.
public struct SpecError: UserInputError, Equatable {
    /// The errors (warnings are not a reason to throw and are kept on the loaded value instead).
    public var issues: [SpecIssue]

    public init(issues: [SpecIssue]) { self.issues = issues }

    /// One issue per line, as compilers print them.
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
