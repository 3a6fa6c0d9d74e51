import DecisionLog

/// Commands made of subcommands (`schema add`, `config set`): choosing one from the arguments.
extension CommandSpec {
    /// The spec of the subcommand among `subcommands` that the arguments name, for help; this spec when they
    /// name none.
    func subcommandSpec(_ arguments: SplitArguments, among subcommands: [CommandSpec]) -> CommandSpec {
        guard let (name, _) = arguments.subcommand() else { return self }
        return subcommands.first { $0.name == "\(self.name) \(name)" } ?? self
    }

    /// The subcommand among `subcommands` that the arguments name, and the arguments without its name; throws
    /// a usage error when they name none, or one this command does not have (with a "did you mean").
    func chooseSubcommand(_ arguments: SplitArguments, among subcommands: [CommandSpec]) throws(UsageError) -> (spec: CommandSpec, rest: SplitArguments) {
        guard let (name, rest) = arguments.subcommand() else { throw UsageError("Missing expected argument '<subcommand>'", command: self) }
        guard let chosen = subcommands.first(where: { $0.name == "\(self.name) \(name)" }) else {
            let names = subcommands.map { String($0.name.dropFirst(self.name.count + 1)) }
            let hint = NearestName.suggestion(for: name, among: names).map { ". Did you mean '\($0)'?" } ?? ""
            throw UsageError("Unknown subcommand '\(name.quotedForMessage)' of '\(self.name)'\(hint); expected one of \(names.joined(separator: ", "))", command: self)
        }
        return (chosen, rest)
    }
}
