/// Quoting for the few values the generated job script must carry (paths this program created).
///
/// A value inside single quotes is literal to every POSIX shell; the only character that cannot appear
/// inside them is the quote itself, written as `'\''` (close, escaped quote, reopen). NUL cannot be passed
/// through a shell at all, so it is refused rather than silently truncated.
public enum ShellQuote {
    public struct Unquotable: Error, CustomStringConvertible {
        public var value: String
        public var description: String { "cannot pass a value containing NUL through a shell: \(value.debugDescription)" }
    }

    /// `value` as one shell word.
    public static func quote(_ value: String) throws -> String {
        guard !value.utf8.contains(0) else { throw Unquotable(value: value) }
        return "'" + value.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
