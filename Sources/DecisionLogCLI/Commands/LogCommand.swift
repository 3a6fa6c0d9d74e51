import DecisionLog

/// `decisionlog log`: lists events, filtered, as a table, JSON or JSON Lines.
enum LogCommand: Command {
    static let spec = CommandSpec(
        name: "log", abstract: "List the events of the log, filtered.",
        discussion: "Events are listed oldest first, in the order the log recorded them. Filters combine: an event is listed when it matches every filter given, and any value of a repeated one. --since and --until compare effective times, in the log's time zone; a date covers the whole day.",
        options: filterOptions + [
            .init(name: "format", value: "<format>", help: "table, json (an array) or jsonl (the stored lines, byte for byte) (default: the 'format' setting when it is table or json, else table)."),
            CommandSpec.logOption,
        ])

    /// The options that choose events, shared with `export`.
    static let filterOptions: [CommandSpec.Option] = [
            .init(name: "type", value: "<type>", help: "Only this type, or family: launch.slipped, launch or launch.* (repeatable).", repeatable: true),
            .init(name: "subject", value: "<prefix>", help: "Only subjects starting with this: launch/ or launch/atlas (repeatable).", repeatable: true),
            .init(name: "actor", value: "<name>", help: "Only events decided by this person, ignoring case (repeatable).", repeatable: true),
            .init(name: "role", value: "<role>", help: "Only events decided in this role, e.g. CPO (repeatable).", repeatable: true),
            .init(name: "since", value: "<time>", help: "Only events effective at or after this date or date-time."),
            .init(name: "until", value: "<time>", help: "Only events effective at or before this date or date-time."),
            .init(name: "grep", value: "<pattern>", help: "Only events whose texts (subject, reason, actor, payload) match this regular expression, ignoring case."),
            .init(name: "limit", value: "<count>", help: "Only the last <count> matching events."),
            .init(name: "reverse", value: nil, help: "Newest first."),
    ]

    static func run(_ arguments: ArraySlice<String>, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let store = try context.openLog(args)
        let format = try args.choice("format", ["table", "json", "jsonl"], default: context.defaultFormat(store, supported: ["table", "json"]), spec: spec)
        let selection = try select(args, store: store, spec: spec, context: context, namingLinks: format == "table")
        let matches = selection.matches
        let rendering = EventRendering(timeZone: store.configuration.timeZone)
        switch format {
        case "json":
            context.console.writeData(rendering.json(matches.map { $0.line + [0x0A] }))
        case "jsonl":
            context.console.writeData(jsonLines(matches))
        default:
            if matches.isEmpty {
                context.console.out(selection.lines == 0 ? "The log is empty." : "No events match.")
            } else {
                context.console.writeOut(rendering.table(matches.map(\.event), width: context.console.columns, seqs: selection.seqs))
            }
        }
    }

    /// The events the filter options choose, in log order (newest first with --reverse), each with its stored
    /// line; the seq of every event when `namingLinks` (to show links as #seq); and how many lines the log has. Throws a usage error for
    /// a bad filter or limit.
    static func select(_ args: ParsedArguments, store: FileEventStore, spec: CommandSpec, context: CommandContext, namingLinks: Bool) throws
        -> (matches: [(event: Event, line: [UInt8])], seqs: [EventID: Int], lines: Int)
    {
        var limit: Int? = nil
        if let text = args.value("limit") {
            guard let n = Int(text), n >= 1 else {
                throw UsageError("The value '\(text.quotedForMessage)' is invalid for '--limit'; expected a whole number of 1 or more", command: spec)
            }
            limit = n
        }
        let filter = try makeFilter(args, zone: store.configuration.timeZone, spec: spec, teamTypes: { try AddCommand.schemas(in: store).teamTypes })
        var matches: [(event: Event, line: [UInt8])] = []
        var seqs: [EventID: Int] = [:]
        let end = try store.forEachEvent { event, line in
            if namingLinks { seqs[event.id] = event.seq }
            if filter.matches(event) {
                matches.append((event, Array(line)))
                if let limit, matches.count > limit * 2 { matches.removeFirst(matches.count - limit) }
            }
            return true
        }
        context.warnIfSkipped(end.skippedInterruptedWrite)
        if let limit, matches.count > limit { matches.removeFirst(matches.count - limit) }
        if args.flag("reverse") { matches.reverse() }
        return (matches, seqs, end.lines)
    }

    /// The events' stored lines, byte for byte.
    static func jsonLines(_ matches: [(event: Event, line: [UInt8])]) -> String {
        var text = ""
        for match in matches { text += String(decoding: match.line, as: UTF8.self) + "\n" }
        return text
    }

    /// The filter the options describe; throws a usage error for an unknown type (after looking among
    /// `teamTypes`, read only then), a bad time or pattern.
    static func makeFilter(_ args: ParsedArguments, zone: TimeZoneRules, spec: CommandSpec, teamTypes: () throws -> [String]) throws -> EventFilter {
        var filter = EventFilter()
        var known: [String]? = nil
        for type in args.all("type") {
            if !EventFilter.isKnownTypePattern(type) {
                let types = try known ?? (Vocabulary.typeNames + teamTypes())
                known = types
                guard EventFilter.isKnownTypePattern(type, among: types) else {
                    let families = Set(types.map { String($0.prefix { $0 != "." }) })
                    let hint = NearestName.suggestion(for: type, among: types + families).map { ". Did you mean '\($0)'?" }
                    throw UsageError("Unknown event type '\(type)' for '--type'\(hint ?? "; see 'decisionlog help types' and 'decisionlog schema list'")", command: spec)
                }
            }
            filter.types.append(type)
        }
        filter.subjectPrefixes = args.all("subject")
        filter.actors = args.all("actor")
        filter.roles = args.all("role")
        if let text = args.value("since") { filter.effectiveFrom = try time(text, option: "since", zone: zone, spec: spec).instant }
        if let text = args.value("until") {
            let input = try time(text, option: "until", zone: zone, spec: spec)
            filter.effectiveBefore = input.dateOnly.map { zone.startOf($0.adding(days: 1)) } ?? input.instant.adding(milliseconds: 1)
        }
        if let pattern = args.value("grep") {
            do throws(PatternError) { filter.text = try TextPattern(pattern) } catch {
                throw UsageError("The value '\(pattern.quotedForMessage)' is invalid for '--grep': \(error)", command: spec)
            }
        }
        return filter
    }

    private static func time(_ text: String, option: String, zone: TimeZoneRules, spec: CommandSpec) throws(UsageError) -> TimeInput {
        do throws(TimeFormatError) { return try TimeInput(parsing: text, in: zone) } catch {
            throw UsageError("The value '\(text.quotedForMessage)' is invalid for '--\(option)': \(error.problem)", command: spec)
        }
    }
}
