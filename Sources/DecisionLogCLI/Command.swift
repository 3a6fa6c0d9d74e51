/// One `decisionlog` subcommand.
protocol Command: SendableMetatype {
    /// The command's interface, for parsing and help.
    static var spec: CommandSpec { get }
    /// Runs the command with the arguments after its name; throws `UsageError` or `CommandFailure`.
    static func run(_ arguments: SplitArguments, in context: CommandContext) throws
    /// The interface for these arguments (most commands have one; `add` has one per type, `schema` one per
    /// subcommand).
    static func spec(for arguments: SplitArguments, in context: CommandContext) -> CommandSpec
}

extension Command {
    static func spec(for arguments: SplitArguments, in context: CommandContext) -> CommandSpec { spec }
}
