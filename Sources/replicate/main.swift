import ArgumentParser
import Foundation
import Harness

// Exit codes of DESIGN.md: 0 all claims hold, 1 a claim failed, 2 bad input (spec, flags, data), 3 internal error.
// ArgumentParser's own usage errors (exit 64) are bad input too.
do {
    var command = try Replicate.parseAsRoot()
    try command.run()
} catch let error as UserInputError {
    FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
    exit(2)
} catch {
    let code = Replicate.exitCode(for: error)
    if code == .success || code.rawValue == 1 {
        exit(code.rawValue)  // --help, --version, or ExitCode(1) for failed claims
    }
    if code == .validationFailure {
        FileHandle.standardError.write(Data((Replicate.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    FileHandle.standardError.write(Data("internal error: \(error)\n".utf8))
    exit(3)
}
