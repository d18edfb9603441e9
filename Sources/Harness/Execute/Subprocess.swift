import Foundation

/// Runs a program with an argument vector (never a shell command line), capturing its output.
public enum Subprocess {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// stderr's last line, or stdout's when stderr is empty: what a failure message should quote.
        public var lastLine: String {
            let text = stderr.isEmpty ? stdout : stderr
            return text.split(separator: "\n").last.map { String($0) } ?? ""
        }
    }

    /// The program was not found or could not be started.
    public struct LaunchError: Error, CustomStringConvertible {
        public var program: String
        public var reason: String
        public var description: String { "cannot run \(program): \(reason)" }
    }

    /// Runs `program` (a path, or a name looked up in `PATH`) with `arguments` and waits for it.
    /// `stdin` is /dev/null unless `input` is given.
    public static func run(_ program: String, _ arguments: [String], input: Data? = nil,
                           environment: [String: String]? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try resolve(program))
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inPipe = input.map { _ in Pipe() }
        process.standardInput = inPipe ?? FileHandle.nullDevice
        do { try process.run() } catch { throw LaunchError(program: program, reason: "\(error.localizedDescription)") }
        if let inPipe, let input {
            inPipe.fileHandleForWriting.write(input)
            try? inPipe.fileHandleForWriting.close()
        }
        // Read both pipes to their ends concurrently: a child filling one pipe while we block on the other
        // would deadlock.
        let errData = Box()
        let reader = Thread { errData.value = err.fileHandleForReading.readDataToEndOfFile(); errData.done.signal() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errData.done.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.value, as: UTF8.self))
    }

    /// `name` as an absolute path: unchanged when it contains a slash, else the first executable in `PATH`.
    public static func resolve(_ name: String) throws -> String {
        if name.contains("/") { return name }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw LaunchError(program: name, reason: "not found in PATH (\(path))")
    }

    private final class Box: @unchecked Sendable {
        var value = Data()
        let done = DispatchSemaphore(value: 0)
    }
}
