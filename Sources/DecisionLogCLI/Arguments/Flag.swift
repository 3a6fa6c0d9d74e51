/// A flag a command declares once: given or not.
struct Flag: Sendable {
    /// The name and help.
    let declaration: CommandSpec.Option

    /// A flag `--name`.
    init(_ name: String, short: Character? = nil, help: String) {
        declaration = CommandSpec.Option(name: name, short: short, value: nil, help: help)
    }
}
