import DecisionLog

/// `decisionlog help [<subcommand> | types | exit-codes]`.
enum HelpCommand: Command {
    static let spec = CommandSpec(
        name: "help", abstract: "Show help for a subcommand or a topic.",
        arguments: [.init(name: "<topic>", help: "A subcommand, or a topic: types (the event vocabulary), views, exit-codes.", optional: true)],
        usage: "[<subcommand> | types | views | exit-codes]")

    static let topics = ["types", "views", "exit-codes"]

    static func run(_ arguments: ArraySlice<String>, in context: CommandContext) throws {
        guard let topic = arguments.first else {
            context.console.writeOut(CommandLineTool.rootHelp)
            return
        }
        switch topic {
        case "types": context.console.writeOut(typesHelp(context.schemasIfAny(arguments.dropFirst())))
        case "views": context.console.writeOut(viewsHelp)
        case "exit-codes": context.console.writeOut(exitCodesHelp)
        default:
            guard let command = CommandLineTool.command(named: topic) else {
                let hint = NearestName.suggestion(for: topic, among: CommandLineTool.commands.map(\.spec.name) + topics)
                    .map { ". Did you mean '\($0)'?" } ?? ""
                throw UsageError("Unknown subcommand or topic '\(topic)'\(hint)", command: spec)
            }
            context.console.writeOut(HelpText.page(command.specFor(arguments.dropFirst(), context)))
        }
    }

    /// The vocabulary: each type, its subject kind and its fields as `add` options; then the types the team
    /// registered in the log at hand (in `schemas`), if any.
    static func typesHelp(_ schemas: SchemaRegistry) -> String {
        var out = "EVENT TYPES: what 'decisionlog add <type>' records. Each type's fields are options of add.\n"
        func describe(_ kind: PayloadKind) {
            out += "\n\(kind.type.name)  \(kind.summary)\n"
            let subject = kind.subjectKind.map { "\($0)/<name>" } ?? "any subject"
            out += HelpText.row("subject", subject + (kind.requiresReason ? " (a --reason is required)" : ""))
            for field in kind.fields { out += HelpText.row(AddCommand.option(for: field).label, AddCommand.option(for: field).help) }
        }
        Vocabulary.kinds.forEach(describe)
        let team = schemas.teamTypes.compactMap(schemas.kind(named:))
        if !team.isEmpty {
            out += "\nTEAM TYPES: registered in this log with 'decisionlog schema add' (their latest versions).\n"
            team.forEach(describe)
        }
        return out
    }

    /// The views and what each answers.
    static var viewsHelp: String {
        "VIEWS: what 'decisionlog show <view>', 'blame <view>' and 'diff' answer.\n\n"
            + Views.all.map { HelpText.row($0.name, $0.summary) }.joined()
            + "\n  Each works --as-of any moment (effective time) and --known-at any moment (recorded time).\n"
    }

    /// The exit statuses and what they mean.
    static var exitCodesHelp: String {
        "EXIT CODES:\n" + ExitCode.allCases.map { HelpText.row(String($0.rawValue), $0.meaning) }.joined()
    }
}
