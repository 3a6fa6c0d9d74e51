import DecisionLog

/// `decisionlog help [<subcommand> | <topic>]`: a command's page, or a topic: time, types, views, formats, exit-codes.
enum HelpCommand: Command {
    static let spec = CommandSpec(
        name: "help", abstract: "Show help for a subcommand or a topic.",
        arguments: [.init(name: "<topic>", help: "A subcommand, or a topic: time (the two clocks and how to write a moment), types (the event vocabulary), views, formats (what goes in and comes out), exit-codes.", optional: true)],
        usage: "[<subcommand> | time | types | views | formats | exit-codes]")

    static let topics = ["time", "types", "views", "formats", "exit-codes"]

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        // A `--log <path>` before the topic is for 'help types' and the pages of a team's types.
        guard let (topic, rest) = arguments.subcommand() else {
            context.console.writeOut(CommandLineTool.rootHelp)
            return
        }
        switch topic {
        case "types":
            context.console.writeOut(typesHelp(context.schemasIfAny(logPath: rest.logPath)))
        case "time": context.console.writeOut(timeHelp)
        case "views": context.console.writeOut(viewsHelp)
        case "formats": context.console.writeOut(formatsHelp)
        case "exit-codes": context.console.writeOut(exitCodesHelp)
        default:
            guard let command = CommandLineTool.command(named: topic) else {
                let hint = NearestName.suggestion(for: topic, among: CommandLineTool.commands.map(\.spec.name) + topics)
                    .map { ". Did you mean '\($0)'?" } ?? ""
                throw UsageError("Unknown subcommand or topic '\(topic)'\(hint)", command: spec)
            }
            context.console.writeOut(HelpText.page(command.specFor(rest, context)))
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

    /// The two clocks, and every way to write a time, a point and a timeframe.
    static var timeHelp: String {
        var out = "TIME: every event has two times.\n\n"
        out += HelpText.row("effectiveAt", "When the decision was made or takes effect. --effective sets it (default: now); back-date a decision made earlier, such as a Monday meeting written up on Wednesday.")
        out += HelpText.row("recordedAt", "When the log learned of it. The log sets it when appending; it never goes back.")
        out += "\n" + HelpText.wrap("--as-of asks the effective clock: what the plan was at a moment. --known-at asks the recorded clock: what the log knew at a moment. Together they answer \"what did we believe on August 12 about August 12?\" (show launches --as-of 2025-08-12 --known-at 2025-08-12). A slip decided on Monday and recorded on Wednesday changes the plan as of Monday, but not what anyone knew on Tuesday.", indent: 0) + "\n"
        out += "\nTIMES (--effective, --since, --until, dates in drafts and spreadsheets):\n"
        out += HelpText.row("2025-09-22", "That day in the log's time zone: its start for --effective and --since, the whole day for --until.")
        out += HelpText.row("2025-09-22T14:30", "A wall-clock time in the log's time zone (seconds and milliseconds optional).")
        out += HelpText.row("2025-09-22T14:30+02:00", "A time with its offset from UTC; Z is UTC.")
        out += "\nPOINTS (--as-of, --known-at, diff <from> <to>, report --from/--to):\n"
        out += HelpText.row("now", "This moment (the default).")
        out += HelpText.row("2025-09-22", "The end of that day.")
        out += HelpText.row("2025-09-22T14:30", "That moment (with an offset, or in the log's time zone).")
        out += HelpText.row("2025-09", "The end of that month.")
        out += HelpText.row("2025-Q3 2025-H2 2025", "The end of that fiscal quarter, half or year. Fiscal year 2025 starts on the first day of the log's fiscal-year start month in 2025 (init --fiscal-year-start).")
        out += HelpText.row("#120", "Event 120: --as-of counts the events effective up to it; --known-at the log as it stood once event 120 was written.")
        out += "\nTIMEFRAMES (goal.set --timeframe, metric.target.set, metric.recorded --period):\n"
        out += HelpText.row("2025 2025-H2 2025-Q3 2025-09", "A fiscal year, half or quarter, or a calendar month.")
        out += "\n" + HelpText.wrap("Dates are written YYYY-MM-DD and shown in the log's time zone (init --time-zone). A report or diff covers what was effective after its first point and up to its second.", indent: 0) + "\n"
        return out
    }

    /// What the tool reads and writes, and in which formats.
    static var formatsHelp: String {
        var out = "FORMATS: what goes in, and what comes out.\n\nIN (import, schema check):\n"
        out += HelpText.row("jsonl", "One draft a line: {\"type\":\"launch.slipped\",\"subject\":\"launch/atlas\",\"effectiveAt\":\"2025-09-08\",\"actor\":{\"name\":\"Lee Park\",\"role\":\"CPO\"},\"reason\":\"…\",\"payload\":{\"date\":\"2025-09-29\"}}.")
        out += HelpText.row("csv", "A spreadsheet: a header row naming the fields (type, subject, effective, actor, role, reason, id, links, and any payload field such as title, target or review-by; case, spaces and hyphens do not matter), then one decision a row. --map 'Launch date=date' renames a column, --map 'Notes=' ignores one. Commas, semicolons or tabs separate fields (the header decides); lists are separated by semicolons (people also by commas); columns the log sets (seq, recorded, hash…) are ignored, so an export imports. Files ending .csv or .tsv are read as CSV, .jsonl as JSON Lines; --format chooses for others.")
        out += "\n" + HelpText.wrap("Either way the file is checked whole first: one bad line or row refuses all of it, and every bad one is listed with its line number and what is wrong. --dry-run shows what would be recorded.", indent: 0) + "\n"
        out += "\nOUT:\n"
        out += HelpText.row("table", "Aligned columns for people, fitted to the terminal (log, show, diff, history, blame).")
        out += HelpText.row("json", "For programs; the shapes are in docs/views.md (log, show, diff, history, blame, export of a view).")
        out += HelpText.row("jsonl", "The stored lines, byte for byte (log, export), or a view's rows one a line (export <view>).")
        out += HelpText.row("csv", "For spreadsheets (show, diff, history, blame, export). An export of the log imports back with the same ids.")
        out += HelpText.row("markdown", "Tables to paste into Notion, Confluence or Slack (show, diff, history, export, report).")
        out += HelpText.row("html", "The retrospective report: one self-contained page with inline SVG charts, no script, no network; it prints well.")
        out += "\n" + HelpText.wrap("The log itself is JSON Lines: .decisionlog/events.jsonl, one canonical line an event, chained by SHA-256 (docs/format.md).", indent: 0) + "\n"
        return out
    }

    /// The exit statuses and what they mean.
    static var exitCodesHelp: String {
        "EXIT CODES:\n" + ExitCode.allCases.map { HelpText.row(String($0.rawValue), $0.meaning) }.joined()
    }
}
