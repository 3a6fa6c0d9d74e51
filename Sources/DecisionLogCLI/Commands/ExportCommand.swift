import DecisionLog

/// `decisionlog export [<view>]`: the log's events, or a view, as JSON Lines, CSV or Markdown for other tools.
enum ExportCommand: Command {
    static let spec = CommandSpec(
        name: "export", abstract: "Write the log's events, or a view, as JSON Lines, CSV or Markdown.",
        discussion: """
        Without a view, exports the events the filters choose (the same as 'log'): jsonl is the stored lines byte for byte; csv has one column per envelope member and payload field, and imports back into a log with the same ids; markdown is a table to paste into Notion, Confluence or Slack. With a view, exports it as of a moment, as 'show' does (json, jsonl: one row a line, csv or markdown).
        The format defaults to the output file's extension (.jsonl, .json, .csv, .md), else jsonl for events and csv for a view.
        """,
        arguments: [.init(name: "<view>", help: "A view to export instead of the events: \(Views.names.joined(separator: ", ")).", optional: true)],
        options: EventSelection.options + [
            ViewQuery.asOf.declaration, ViewQuery.knownAt.declaration,
            format.declaration, output.declaration,
            CommandSpec.logOption,
        ])

    static let format = Option("format", "<format>", help: "jsonl, csv or markdown; for a view also json.")
    static let output = Option("output", short: "o", "<file>", help: "Write to this file (replaced whole, only when the export succeeds) instead of standard output.")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let output = try args.value(ExportCommand.output)
        let store = try context.openLog(args)
        let text: String, summary: String, format: String
        if let viewName = args.positionals.first {
            let eventFilters = EventSelection.options.filter { $0.name != EventSelection.subject.declaration.name }
            for option in eventFilters where args.gave(option) {
                throw UsageError("'--\(option.name)' chooses events; a view is chosen with --as-of, --known-at and --subject", command: spec)
            }
            format = try args.choice(ExportCommand.format, ["jsonl", "json", "csv", "markdown"], default: defaultFormat(output) ?? "csv")
            let query = ViewQuery(store: store, context: context, spec: spec)
            _ = try query.view(viewName)
            let (table, moment) = try query.table(args)
            let rendering = QueryRendering(timeZone: store.configuration.timeZone, width: nil)
            text = format == "jsonl" ? rendering.viewLines(table) : rendering.view(table, at: moment, format: OutputFormat(rawValue: format)!)
            summary = "\(table.rows.count) row\(table.rows.count == 1 ? "" : "s") of \(table.name) \(moment.phrase)"
        } else {
            for option in [ViewQuery.asOf, ViewQuery.knownAt] where args.gave(option.declaration) {
                let name = option.declaration.name
                throw UsageError("'--\(name)' applies to a view; name one (export launches --\(name) …), or use --since and --until for events", command: spec)
            }
            format = try args.choice(ExportCommand.format, ["jsonl", "csv", "markdown"], default: defaultFormat(output).flatMap { $0 == "json" ? nil : $0 } ?? "jsonl")
            if format != "markdown" && !args.gave(EventSelection.limit.declaration) && !args.flag(EventSelection.reverse) {
                try stream(format, store, args: args, to: output, in: context)
                return
            }
            let selection = try EventSelection.select(args, store: store, context: context, namingLinks: format == "markdown")
            let rendering = EventRendering(timeZone: store.configuration.timeZone)
            switch format {
            case "csv": text = rendering.csv(selection.matches.map(\.event))
            case "markdown": text = rendering.markdown(selection.matches.map(\.event), seqs: selection.seqs)
            default: text = EventSelection.jsonLines(selection.matches)
            }
            summary = "\(selection.matches.count) event\(selection.matches.count == 1 ? "" : "s")"
        }
        try context.deliver(text, format: format, to: output)
        guard let output else { return }
        context.console.error("Exported \(summary) to \(output)")
    }

    /// Writes the export (jsonl or csv) a megabyte at a time (`EventRendering.writeJSONLines`, `writeCSV`),
    /// to `output` (replaced whole, only when the export succeeds) or standard output: memory stays bounded
    /// whatever the log's size.
    private static func stream(_ format: String, _ store: any EventStore, args: ParsedArguments, to output: String?, in context: CommandContext) throws {
        let filter = try EventSelection.makeFilter(args, zone: store.configuration.timeZone, teamTypes: { try context.schemas(in: store).teamTypes })
        func write(_ emit: ([UInt8]) throws -> Void) throws -> (count: Int, end: ReadEnd) {
            if format == "csv" { return try EventRendering.writeCSV(store, matching: filter) { try emit(Array($0.utf8)) } }
            return try EventRendering.writeJSONLines(store, matching: filter, emit: emit)
        }
        let written: (count: Int, end: ReadEnd)
        do {
            if let output {
                var result: (count: Int, end: ReadEnd)? = nil
                try FileSystem.replaceFile(Paths.absolute(output, from: context.currentDirectory), durable: true) { file in
                    result = try write { try file.writeAll($0) }
                }
                written = result!
            } else {
                written = try write { context.console.writeData(String(decoding: $0, as: UTF8.self)) }
            }
        } catch let error as LogError {
            throw CommandFailure(error)
        } catch let error as SystemError {
            throw CommandFailure("cannot write \(output ?? "the export"): \(error.reason); check the folder exists and is writable", error.isPermission ? .permissionDenied : .ioError)
        }
        context.warnIfSkipped(written.end.skippedInterruptedWrite)
        guard let output else { return }
        context.console.error("Exported \(written.count) event\(written.count == 1 ? "" : "s") to \(output)")
    }

    /// The format `output`'s extension names, if any.
    private static func defaultFormat(_ output: String?) -> String? {
        guard let output = output?.lowercased() else { return nil }
        let extensions = [".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".md": "markdown", ".markdown": "markdown"]
        return extensions.first { output.hasSuffix($0.key) }?.value
    }
}
