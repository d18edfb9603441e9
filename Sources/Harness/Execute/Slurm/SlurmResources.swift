import Foundation

/// What each array task asks Slurm for. Every field is validated and normalised on the way in, so the values
/// passed to `sbatch` are known-good names and numbers, never raw user text.
public struct SlurmResources: Codable, Sendable, Equatable {
    public var partition: String?
    public var account: String?
    /// Wall-clock limit of one task, in seconds (Slurm rounds up to whole minutes).
    public var timeLimitSeconds: Int
    /// Generic resources, e.g. `gpu:4` or `gpu:a100:2`; nil asks for none.
    public var gres: String?
    public var cpusPerTask: Int
    /// Memory per node in MiB; nil leaves it to the partition's default.
    public var memoryMB: Int?

    public init(partition: String? = nil, account: String? = nil, timeLimitSeconds: Int = 3600, gres: String? = nil,
                cpusPerTask: Int = 1, memoryMB: Int? = nil) {
        self.partition = partition; self.account = account; self.timeLimitSeconds = timeLimitSeconds
        self.gres = gres; self.cpusPerTask = cpusPerTask; self.memoryMB = memoryMB
    }

    /// The `sbatch` options for these resources (each one argv element; no shell is involved).
    public var sbatchOptions: [String] {
        var o = ["--time=\(Self.formatTime(timeLimitSeconds))", "--cpus-per-task=\(cpusPerTask)"]
        if let partition { o.append("--partition=\(partition)") }
        if let account { o.append("--account=\(account)") }
        if let gres { o.append("--gres=\(gres)") }
        if let memoryMB { o.append("--mem=\(memoryMB)M") }
        return o
    }

    // MARK: validation of flag values

    /// A partition or account name: letters, digits and `._+-`; several partitions comma-separated.
    public static func parseName(_ text: String, flag: String, list: Bool = false) throws -> String {
        let item = #"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}"#
        let pattern = list ? "^\(item)(,\(item))*\\z" : "^\(item)\\z"
        guard text.range(of: pattern, options: .regularExpression) != nil else {
            throw SlurmFlagError(flag: flag, value: text, expected: list ? "names of letters, digits and ._+- separated by commas"
                                                                         : "a name of letters, digits and ._+-")
        }
        return text
    }

    /// Slurm's time formats: `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M`, `D-H:M:S`; returns seconds (> 0).
    public static func parseTime(_ text: String, flag: String = "--time") throws -> Int {
        let bad = SlurmFlagError(flag: flag, value: text, expected: "minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS")
        guard text.range(of: #"^([0-9]{1,4}-)?[0-9]{1,6}(:[0-9]{1,2}){0,2}\z"#, options: .regularExpression) != nil else { throw bad }
        var days = 0
        var rest = Substring(text)
        if let dash = text.firstIndex(of: "-") {
            days = Int(text[..<dash])!
            rest = text[text.index(after: dash)...]
        }
        let parts = rest.split(separator: ":").map { Int($0)! }
        let seconds: Int
        switch (days > 0 || text.contains("-"), parts.count) {
        case (false, 1): seconds = parts[0] * 60
        case (false, 2): seconds = parts[0] * 60 + parts[1]
        case (false, 3): seconds = parts[0] * 3600 + parts[1] * 60 + parts[2]
        case (true, 1): seconds = days * 86400 + parts[0] * 3600
        case (true, 2): seconds = days * 86400 + parts[0] * 3600 + parts[1] * 60
        case (true, 3): seconds = days * 86400 + parts[0] * 3600 + parts[1] * 60 + parts[2]
        default: throw bad
        }
        if parts.count > 1 && parts.dropFirst().contains(where: { $0 >= 60 }) { throw bad }
        guard seconds > 0 else { throw SlurmFlagError(flag: flag, value: text, expected: "a time limit above zero") }
        return seconds
    }

    /// `D-HH:MM:SS`, which every Slurm version accepts.
    public static func formatTime(_ seconds: Int) -> String {
        let d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60, s = seconds % 60
        return String(format: "%d-%02d:%02d:%02d", d, h, m, s)
    }

    /// `name[:type][:count]`, comma-separated (e.g. `gpu:2`, `gpu:a100:4`); `none` means no request (nil).
    public static func parseGres(_ text: String, flag: String = "--gres") throws -> String? {
        if text == "none" { return nil }
        let item = #"[a-z][a-z0-9_]*(:[A-Za-z0-9_.-]+)?(:[0-9]+)?"#
        guard text.range(of: "^\(item)(,\(item))*\\z", options: .regularExpression) != nil else {
            throw SlurmFlagError(flag: flag, value: text, expected: "name[:type][:count], e.g. gpu:2 or gpu:a100:4, or none")
        }
        return text
    }

    /// `N[K|M|G|T]` (Slurm's default unit is MiB); returns MiB, at least 1.
    public static func parseMemory(_ text: String, flag: String = "--mem") throws -> Int {
        let bad = SlurmFlagError(flag: flag, value: text, expected: "a size such as 4000, 4000M, 16G or 1T")
        guard text.range(of: #"^[0-9]{1,9}[KMGTkmgt]?\z"#, options: .regularExpression) != nil else { throw bad }
        let unit = text.last!.isLetter ? text.last!.uppercased() : "M"
        let n = Int(text.filter(\.isNumber))!
        let mb: Int
        switch unit {
        case "K": mb = (n + 1023) / 1024
        case "G": mb = n * 1024
        case "T": mb = n * 1024 * 1024
        default: mb = n
        }
        guard mb > 0 else { throw bad }
        return mb
    }

    public static func checkCPUs(_ n: Int, flag: String = "--cpus-per-task") throws -> Int {
        guard (1...4096).contains(n) else { throw SlurmFlagError(flag: flag, value: "\(n)", expected: "a CPU count from 1 to 4096") }
        return n
    }
}

/// A Slurm flag whose value is not of the form Slurm accepts (bad input: exit code 2).
public struct SlurmFlagError: UserInputError {
    public var flag: String
    public var value: String
    public var expected: String
    public var description: String { "\(flag): '\(value)' is not valid: expected \(expected)" }
}
