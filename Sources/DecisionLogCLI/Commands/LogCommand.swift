import DecisionLog

/// `decisionlog log`: lists events, filtered, as a table, JSON or JSON Lines.
enum LogCommand: Command {
    static let spec = CommandSpec(
        name: "log", abstract: "List the events of the log, filtered.",
        discussion: "Events are listed oldest first, in the order the log recorded them. Filters combine: an event is listed when it matches every filter given, and any value of a repeated one. --since and --until compare effective times, in the log's time zone; a date covers the whole day.",
        options: EventSelection.options + [
            format.declaration,
            CommandSpec.logOption,
        ])

    /// The options that choose events, shared with `export`.
    static let format = Option("format", "<format>", help: "table, json (an array) or jsonl (the stored lines, byte for byte) (default: the 'format' setting when it is table or json, else table).")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let store = try context.openLog(args)
        let format = try args.choice(LogCommand.format, ["table", "json", "jsonl"], default: context.defaultFormat(store, supported: ["table", "json"]))
        let selection = try EventSelection.select(args, store: store, context: context, namingLinks: format == "table")
        let matches = selection.matches
        let rendering = EventRendering(timeZone: store.configuration.timeZone)
        switch format {
        case "json":
            context.console.writeData(rendering.json(matches.map { $0.line + [0x0A] }))
        case "jsonl":
            context.console.writeData(EventSelection.jsonLines(matches))
        default:
            if matches.isEmpty {
                context.console.out(selection.lines == 0 ? "The log is empty." : "No events match.")
            } else {
                context.console.writeOut(rendering.table(matches.map(\.event), width: context.console.columns, seqs: selection.seqs))
            }
        }
    }
}
