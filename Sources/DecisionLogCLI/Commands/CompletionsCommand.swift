import DecisionLog

/// `decisionlog completions bash|zsh|fish`: a shell script that completes commands, options, event types, view
/// names and the subjects in the log. The scripts ask `decisionlog completions --list <what>` for what only
/// the log knows, at the moment of completing.
enum CompletionsCommand: Command {
    static let shells = ["bash", "zsh", "fish"]
    static let lists = ["subjects", "types", "fields"]

    static let spec = CommandSpec(
        name: "completions", abstract: "Print a shell completion script for bash, zsh or fish.",
        discussion: """
        Load it in your shell: 'source <(decisionlog completions bash)' in ~/.bashrc; 'decisionlog completions zsh > "${fpath[1]}/_decisionlog"' for zsh; 'decisionlog completions fish > ~/.config/fish/completions/decisionlog.fish' for fish. The scripts complete commands, options, event types (the team's included), view names, formats, and the subjects in the log at hand.
        """,
        arguments: [
            .init(name: "<shell>", help: "bash, zsh or fish.", optional: true),
            .init(name: "<type>", help: "With --list fields: the event type whose payload options to list.", optional: true),
        ],
        options: [
            list.declaration,
            CommandSpec.logOption,
        ],
        usage: "bash|zsh|fish")

    static let list = Option("list", "<what>", help: "For the scripts: print the log's subjects, the event types, or a type's payload options (fields), one a line.")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        if let what = try args.value(list) {
            guard lists.contains(what) else { throw UsageError("The value '\(what.quotedForMessage)' is invalid for '--list'; expected one of \(lists.joined(separator: ", "))", command: spec) }
            return try list(what, args, context)
        }
        guard let shell = args.positionals.first else { throw UsageError("Missing expected argument '<shell>': bash, zsh or fish", command: spec) }
        guard shells.contains(shell) else {
            let hint = NearestName.suggestion(for: shell, among: shells).map { ". Did you mean '\($0)'?" } ?? ""
            throw UsageError("Unknown shell '\(shell.quotedForMessage)'\(hint); expected bash, zsh or fish", command: spec)
        }
        context.console.writeData(CompletionScript(commands: CommandLineTool.commands.map(\.spec)).text(for: shell))
    }

    /// What the scripts ask for; prints nothing (and succeeds) where there is no log, so completing never fails.
    /// The shells' completion splices these words into their own code (bash's `compgen -W` expands `$(…)` in
    /// them), and a type or field name comes from the log, so only words of plain characters are printed.
    private static func list(_ what: String, _ args: ParsedArguments, _ context: CommandContext) throws {
        let store = try? context.openLog(args)
        let schemas = store.flatMap { try? $0.schemaRegistry() } ?? SchemaRegistry()
        let words: [String]
        switch what {
        case "subjects":
            guard let store else { return }
            var subjects: Set<String> = []
            _ = try? store.forEachEvent { event, _ in subjects.insert(event.subject.text); return true }
            words = subjects.sorted()
        case "types":
            words = Vocabulary.typeNames + schemas.teamTypes
        default:
            guard let type = args.positionals.first, let kind = schemas.kind(named: type) else { return }
            words = kind.fields.map { "--\($0.optionName)" }
        }
        context.console.writeData(words.filter(isPlainWord).map { $0 + "\n" }.joined())
    }

    /// Whether `word` holds only letters, digits and `-_.:/` — nothing a shell would expand or split.
    static func isPlainWord(_ word: String) -> Bool {
        !word.isEmpty && word.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || "-_.:/".utf8.contains(byte)
        }
    }
}
