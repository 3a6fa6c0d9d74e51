/// A mistake on the command line: reported with the command's usage and a pointer to its help, status 64.
struct UsageError: Error {
    /// What is wrong, e.g. `Unknown option '--titel'. Did you mean '--title'?`.
    let message: String
    /// The command whose usage to show.
    let command: CommandSpec?

    init(_ message: String, command: CommandSpec?) {
        self.message = message
        self.command = command
    }
}
