import Foundation
import Testing
@testable import Harness

/// Strings a path or value could hold that a careless script would run, split or expand.
let hostileStrings = [
    "", "plain", "with space", "it's", "''", #"a\b"#, "$(touch /tmp/replicate-pwned)", "`id`", "$HOME", "${PATH}",
    "a;b", "a && b", "a|b", "*", "?", "[ab]", "~", "-n", "--help", "line\nbreak", "tab\there", #""double""#,
    "!bang", "#hash", "%A_%a", "ünïcødé ✓", "'; rm -rf / ; echo '",
]

@Test(arguments: hostileStrings)
func shellQuotedValueReachesTheProgramUnchanged(_ value: String) throws {
    let quoted = try ShellQuote.quote(value)
    // bash parses the quoted word and printf prints it back byte for byte.
    let out = try Subprocess.run("/bin/bash", ["-c", "printf '%s' \(quoted)"])
    #expect(out.status == 0)
    #expect(out.stdout == value)
    #expect(!FileManager.default.fileExists(atPath: "/tmp/replicate-pwned"))
}

@Test func shellQuoteRefusesNUL() {
    #expect(throws: ShellQuote.Unquotable.self) { try ShellQuote.quote("a\u{0}b") }
}
