import DecisionLog

/// The `decisionlog` command line: dispatches to a subcommand, prints help and errors in
/// swift-argument-parser's style, and maps failures to exit statuses (see `ExitCode`).
public enum CommandLineTool {
    /// The tool's version.
    public static let version = "0.1.0"

    static let commands: [CommandEntry] = [
        CommandEntry(InitCommand.self), CommandEntry(AddCommand.self), CommandEntry(ImportCommand.self), CommandEntry(ExportCommand.self),
        CommandEntry(LogCommand.self), CommandEntry(ShowCommand.self), CommandEntry(DiffCommand.self),
        CommandEntry(HistoryCommand.self), CommandEntry(BlameCommand.self), CommandEntry(ReportCommand.self), CommandEntry(ServeCommand.self), CommandEntry(SiteCommand.self), CommandEntry(SchemaCommand.self),
        CommandEntry(CheckpointCommand.self), CommandEntry(ConfigCommand.self), CommandEntry(CompletionsCommand.self),
        CommandEntry(GitCommand.self), CommandEntry(MergeDriverCommand.self),
        CommandEntry(VerifyCommand.self), CommandEntry(HeadCommand.self), CommandEntry(RepairCommand.self),
        CommandEntry(PullCommand.self), CommandEntry(PushCommand.self), CommandEntry(MigrateCommand.self), CommandEntry(DemoCommand.self),
        CommandEntry(HelpCommand.self),
    ]

    static func command(named name: String) -> CommandEntry? { commands.first { $0.spec.name == name } }

    /// The name of every command the tool has (`help` among them), in the order help lists them.
    public static var commandNames: [String] { commands.map(\.spec.name) }

    /// Runs the process's own command line and returns its exit status.
    public static func main() -> Int32 {
        let environment = ProcessFacts.environment()
        switch ProcessFacts.arguments() {
        case .failure(let bad):
            Console.standard(environment: environment, paging: false).error("Error: argument \(bad.position) is not valid UTF-8; pass text in UTF-8")
            return ExitCode.invalidInput.rawValue
        case .success(let arguments):
            var split = SplitArguments(arguments)
            let console = Console.standard(environment: environment, paging: !split.removeFlag(noPagerFlag.declaration.name))
            let status = run(split, environment: environment, currentDirectory: FileSystem.currentDirectory(),
                             console: console, programPath: CommandLine.arguments.first ?? "decisionlog")
            console.finish()
            return status
        }
    }

    /// Runs `decisionlog` with `arguments` (without the program name) and returns the exit status;
    /// output goes to `console` (whose paging is already chosen: `--no-pager` is taken out and ignored).
    /// `programPath` is how the tool was invoked, for hints that repeat it.
    public static func run(arguments: [String], environment: [String: String], currentDirectory: String,
                           console: Console, programPath: String = "decisionlog") -> Int32 {
        var split = SplitArguments(arguments)
        _ = split.removeFlag(noPagerFlag.declaration.name)
        return run(split, environment: environment, currentDirectory: currentDirectory, console: console, programPath: programPath)
    }

    /// `--no-pager`, anywhere among the options of any command, turns the pager off, as in git.
    static let noPagerFlag = Flag("no-pager", help: "Do not page long output (on a terminal it goes through $DECISIONLOG_PAGER, $PAGER or less).")

    /// Runs the split command line: the global options (`--log` before the subcommand, `--help`, `--version`)
    /// are read here, and the rest goes to the subcommand.
    private static func run(_ arguments: SplitArguments, environment: [String: String], currentDirectory: String,
                            console: Console, programPath: String) -> Int32 {
        // `--log PATH` may come before the subcommand; it is passed on to it.
        guard let (leading, arguments) = arguments.leadingLogOptions() else {
            console.error("Error: Missing value for '--log <path>'\nUsage: decisionlog [--log <path>] <subcommand>\n  See 'decisionlog --help' for more information.")
            return ExitCode.usage.rawValue
        }
        guard let name = arguments.first?.text else {
            console.writeOut(rootHelp)
            return ExitCode.success.rawValue
        }
        if name == "-h" || name == "--help" {
            console.writeOut(rootHelp)
            return ExitCode.success.rawValue
        }
        if name == "--version" {
            console.out(version)
            return ExitCode.success.rawValue
        }
        let context = CommandContext(environment: environment, currentDirectory: currentDirectory, console: console,
                                     programPath: programPath)
        guard let command = command(named: name) else {
            let candidates = name.hasPrefix("-") ? ["--version", "--help", "--log"] : commands.map(\.spec.name)
            let hint = NearestName.suggestion(for: name, among: candidates).map { ". Did you mean '\($0)'?" } ?? ""
            let what = name.hasPrefix("-") ? "Unknown option '\(name.quotedForMessage)'" : "Unknown subcommand '\(name.quotedForMessage)'"
            console.error("Error: \(what)\(hint)\nUsage: decisionlog <subcommand>\n  See 'decisionlog --help' for more information.")
            return ExitCode.usage.rawValue
        }
        let rest = leading.followed(by: arguments.dropping(1))
        // The page for these arguments (for `add <type>`, which may read the log) only when help is asked for.
        if name != HelpCommand.spec.name, rest.mentionsHelp {
            let spec = command.specFor(rest, context)
            if rest.requestHelp(from: spec) {
                console.writeOut(HelpText.page(spec))
                return ExitCode.success.rawValue
            }
        }
        let (status, failure) = execute(command, rest, in: context)
        // What the logs' stores noticed about their files (an ignored lock record) is said before any error.
        for notice in context.openedLogs.takeNotices() { console.error("warning: " + notice) }
        if let failure { console.writeError(failure) }
        return status
    }

    /// Runs `command` with `arguments`; its exit status, and the error text to print when it failed.
    private static func execute(_ command: CommandEntry, _ arguments: SplitArguments, in context: CommandContext) -> (Int32, String?) {
        do {
            try command.run(arguments, context)
            return (ExitCode.success.rawValue, nil)
        } catch let error as UsageError {
            var text = "Error: \(error.message)\n"
            if let spec = error.command {
                text += "Usage: \(spec.usageLine)\n  See 'decisionlog \(spec.helpPath ?? spec.name) --help' for more information.\n"
            }
            return (ExitCode.usage.rawValue, text)
        } catch let failure as CommandFailure {
            return (failure.code.rawValue, "Error: " + failure.lines.joined(separator: "\n") + "\n")
        } catch let error as LogError {
            return (CommandFailure(error).code.rawValue, "Error: " + CommandFailure(error).lines.joined(separator: "\n") + "\n")
        } catch {
            return (ExitCode.failure.rawValue, "Error: \(error)\n")
        }
    }

    /// The top-level help page.
    static var rootHelp: String {
        var out = """
        OVERVIEW: Record who decided what, when and why, in an append-only, tamper-evident log.

        Every decision (a goal set, a priority changed, a launch slipped) is an immutable, typed event in a JSON Lines file, chained by SHA-256 hashes. Share the log folder through git.

        USAGE: decisionlog <subcommand>

        OPTIONS:

        """
        out = HelpText.wrap(out, indent: 0) + "\n"
        out += HelpText.row("--version", "Show the version.")
        out += HelpText.row(noPagerFlag.declaration.label, noPagerFlag.declaration.help)
        out += HelpText.row(CommandSpec.helpOption.label, CommandSpec.helpOption.help)
        out += "\nSUBCOMMANDS:\n"
        for command in commands { out += HelpText.row(command.spec.name, command.spec.abstract) }
        out += "\n  See 'decisionlog help <subcommand>' for detailed help, and the topics 'decisionlog help time', 'help types', 'help views',\n  'help formats' and 'help exit-codes'.\n"
        out += "\n" + HelpCommand.exitCodesHelp
        return out
    }
}
