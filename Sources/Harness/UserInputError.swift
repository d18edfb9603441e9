/// An error caused by what the user gave (a spec, a flag, a data folder), not by a bug.
///
/// The CLI maps every error conforming to this protocol to exit code 2 and prints its `description`,
/// which must name the file or flag, what was expected, and what was found.
public protocol UserInputError: Error, CustomStringConvertible {}
