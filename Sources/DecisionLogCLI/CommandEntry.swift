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
