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

/// A subcommand in the tool's table: its spec, and how to run it and render its help.
struct CommandEntry: Sendable {
    let spec: CommandSpec
    let run: @Sendable (SplitArguments, CommandContext) throws -> Void
    let specFor: @Sendable (SplitArguments, CommandContext) -> CommandSpec

    init<C: Command>(_ command: C.Type) {
        spec = C.spec
        run = { try C.run($0, in: $1) }
        specFor = { C.spec(for: $0, in: $1) }
    }
}

