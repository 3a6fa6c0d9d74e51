import DecisionLog

/// `decisionlog log`: lists events, filtered, as a table, JSON or JSON Lines.
enum LogCommand: Command {
    static let spec = CommandSpec(
        name: "log", abstract: "List the events of the log, filtered.",
        discussion: "Events are listed oldest first, in the order the log recorded them. Filters combine: an event is listed when it matches every filter given, and any value of a repeated one. --since and --until compare effective times, in the log's time zone; a date covers the whole day.",
        options: EventSelection.options + [
            follow.declaration,
            format.declaration,
            CommandSpec.logOption,
        ])

    /// The options that choose events, shared with `export`.
    static let format = Option("format", "<format>", help: "table, json (an array) or jsonl (the stored lines, byte for byte) (default: the 'format' setting when it is table or json, else table).")

    static let follow = Flag("follow", help: "After the events there are, keep listing new ones as they are appended, by anyone (Ctrl-C stops). Table or jsonl.")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let store = try context.openLog(args)
        let format = try args.choice(LogCommand.format, ["table", "json", "jsonl"], default: context.defaultFormat(store, supported: ["table", "json"]))
        if args.flag(follow) {
            guard format != "json", !args.flag(EventSelection.reverse) else {
                throw UsageError("--follow lists events as they come, oldest first: use it with --format table or jsonl, without --reverse", command: spec)
            }
            try followLog(args, store: store, jsonLines: format == "jsonl", context: context)
        }
        if format == "jsonl" && !args.gave(EventSelection.limit.declaration) && !args.flag(EventSelection.reverse) {
            // The stored lines, a megabyte at a time: memory stays bounded whatever the log's size.
            let filter = try EventSelection.makeFilter(args, zone: store.configuration.timeZone, teamTypes: { try context.schemas(in: store).teamTypes })
            let written = try EventRendering.writeJSONLines(store, matching: filter) { context.console.writeData(String(decoding: $0, as: UTF8.self)) }
            context.warnIfSkipped(written.end.skippedInterruptedWrite)
            return
        }
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

    /// Lists the matching events, then each new one as it is appended, until the process is stopped. A
    /// watch wakes it (inotify on a folder, LISTEN on a database) and it also looks every second, reading
    /// on from the last event listed, so a lost connection or a missed wake-up loses nothing.
    private static func followLog(_ args: ParsedArguments, store: any EventStore, jsonLines: Bool, context: CommandContext) throws -> Never {
        context.console.stopPaging()
        let filter = try EventSelection.makeFilter(args, zone: store.configuration.timeZone, teamTypes: { try context.schemas(in: store).teamTypes })
        let limit = try args.value(EventSelection.limit)
        let rendering = EventRendering(timeZone: store.configuration.timeZone)
        var follower = LogFollower(store)
        var watch = try? store.watchAppends()
        var seqs: [EventID: Int] = [:]
        var first = true
        while true {
            var matches: [(event: Event, line: [UInt8])] = []
            do {
                _ = try follower.next { event, line in
                    seqs[event.id] = event.seq
                    if filter.matches(event) { matches.append((event, Array(line))) }
                }
            } catch let error as LogError where error.code == .io {
                // The database went away: say so once, and read on from the same place when it is back.
                context.console.error("warning: \(error.message); retrying")
                watch = nil
            }
            if first, let limit, matches.count > limit { matches.removeFirst(matches.count - limit) }
            if jsonLines {
                if !matches.isEmpty { context.console.writeData(EventSelection.jsonLines(matches)) }
            } else if !matches.isEmpty {
                let table = rendering.table(matches.map(\.event), width: context.console.columns, seqs: seqs)
                context.console.writeOut(first ? table : String(table.drop { $0 != "\n" }.dropFirst()))
            }
            first = false
            if watch == nil { watch = try? store.watchAppends() }
            if let current = watch {
                if (try? current.waitForAppend(timeoutMilliseconds: 1_000)) == nil { watch = nil }
            } else {
                Threads.sleep(milliseconds: 1_000)
            }
        }
    }
}
