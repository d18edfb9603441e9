/// Bad input to `replicate loss`: an unknown loss, a bad `--param`, an unreadable or malformed embeddings file,
/// or embeddings of the wrong shape. One line naming the flag or file (exit code 2).
public struct LossToolError: UserInputError, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
