import ArgumentParser
import Foundation
import Harness

// Exit codes (README, "Exit codes"): 0 all claims hold, 1 a claim failed, 2 bad input (spec, flags, data), 3 internal error.
// ArgumentParser's own usage errors (exit 64) are bad input too.
//
// A subcommand is parsed on its own: the root command's options (--scale, --root, …) would otherwise capture
// the subcommand's options of the same name (`replicate show x --scale smoke`).
BLASCoreStartup.chooseCore()  // may run this binary again with a better OpenBLAS core; see the type
let arguments = Array(CommandLine.arguments.dropFirst())
let subcommand = Replicate.subcommandTypes.first { $0.configuration.commandName == arguments.first }
let parser: ParsableCommand.Type = subcommand ?? Replicate.self
do {
    var command = try subcommand.map { try $0.parseAsRoot(Array(arguments.dropFirst())) } ?? Replicate.parseAsRoot(arguments)
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)  // 1: a claim failed; 130: interrupted (Slurm jobs cancelled)
} catch let error as UserInputError {
    FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
    exit(2)
} catch {
    let code = parser.exitCode(for: error)
    if code == .success {
        print(parser.fullMessage(for: error))  // --help
        exit(0)
    }
    // ArgumentParser maps every error it does not know to EXIT_FAILURE (1), the code of a failed claim; only its
    // own errors may keep a code of 1, anything else is an internal error and must say what it was.
    if code.rawValue == 1, parser.fullMessage(for: error).isEmpty { exit(1) }
    if code == .validationFailure {
        FileHandle.standardError.write(Data((parser.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    FileHandle.standardError.write(Data("internal error: \(error)\n".utf8))
    exit(3)
}
