import DecisionLog

/// The events `log` and `export` list: the filter options both take, and the events they choose.
enum EventSelection {
    static let type = Option("type", "<type>", help: "Only this type, or family: launch.slipped, launch or launch.* (repeatable).", repeatable: true)
    static let subject = Option("subject", "<prefix>", help: "Only subjects starting with this: launch/ or launch/atlas (repeatable).", repeatable: true)
    static let actor = Option("actor", "<name>", help: "Only events decided by this person, ignoring case (repeatable).", repeatable: true)
    static let role = Option("role", "<role>", help: "Only events decided in this role, e.g. CPO (repeatable).", repeatable: true)
    static let since = Option("since", "<time>", help: "Only events effective at or after this date or date-time.")
    static let until = Option("until", "<time>", help: "Only events effective at or before this date or date-time.")
    static let grep = Option("grep", "<pattern>", help: "Only events whose texts (subject, reason, actor, payload) match this regular expression, ignoring case.")
    static let limit = Option<Int>("limit", "<count>", help: "Only the last <count> matching events.", minimum: 1, expected: "a whole number of 1 or more")
    static let reverse = Flag("reverse", help: "Newest first.")

    /// The filter options, as help lists them.
    static let options = [type.declaration, subject.declaration, actor.declaration, role.declaration, since.declaration, until.declaration,
                          grep.declaration, limit.declaration, reverse.declaration]

    /// The events the filter options choose, in log order (newest first with --reverse), each with its stored
    /// line; the seq of every event when `namingLinks` (to show links as #seq); and how many lines the log has. Throws a usage error for
    /// a bad filter or limit.
    static func select(_ args: ParsedArguments, store: any EventStore, context: CommandContext, namingLinks: Bool) throws
        -> (matches: [(event: Event, line: [UInt8])], seqs: [EventID: Int], lines: Int)
    {
        let limit = try args.value(Self.limit)
        let filter = try makeFilter(args, zone: store.configuration.timeZone, teamTypes: { try context.schemas(in: store).teamTypes })
        var matches: [(event: Event, line: [UInt8])] = []
        var seqs: [EventID: Int] = [:]
        let end = try store.forEachEvent(matching: filter) { header, match in
            if namingLinks { seqs[header.id] = header.seq }
            if let (event, line) = match {
                matches.append((event, Array(line)))
                if let limit, matches.count > limit * 2 { matches.removeFirst(matches.count - limit) }
            }
            return true
        }
        context.warnIfSkipped(end.skippedInterruptedWrite)
        if let limit, matches.count > limit { matches.removeFirst(matches.count - limit) }
        if args.flag(reverse) { matches.reverse() }
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
    static func makeFilter(_ args: ParsedArguments, zone: TimeZoneRules, teamTypes: () throws -> [String]) throws -> EventFilter {
        var filter = EventFilter()
        var known: [String]? = nil
        for type in try args.values(Self.type) {
            if !EventFilter.isKnownTypePattern(type) {
                let types = try known ?? (Vocabulary.typeNames + teamTypes())
                known = types
                guard EventFilter.isKnownTypePattern(type, among: types) else {
                    let families = Set(types.map { String($0.prefix { $0 != "." }) })
                    let hint = NearestName.suggestion(for: type, among: types + families).map { ". Did you mean '\($0)'?" }
                    throw UsageError("Unknown event type '\(type)' for '--type'\(hint ?? "; see 'decisionlog help types' and 'decisionlog schema list'")", command: args.spec)
                }
            }
            filter.types.append(type)
        }
        filter.subjectPrefixes = try args.values(subject)
        filter.actors = try args.values(actor)
        filter.roles = try args.values(role)
        if let text = try args.value(since) { filter.effectiveFrom = try time(text, option: since, zone: zone, spec: args.spec).instant }
        if let text = try args.value(until) {
            let input = try time(text, option: until, zone: zone, spec: args.spec)
            filter.effectiveBefore = input.dateOnly.map { zone.startOf($0.adding(days: 1)) } ?? input.instant.adding(milliseconds: 1)
        }
        if let pattern = try args.value(grep) {
            do throws(PatternError) { filter.text = try TextPattern(pattern) } catch {
                throw UsageError("The value '\(pattern.quotedForMessage)' is invalid for '--grep': \(error)", command: args.spec)
            }
        }
        return filter
    }

    private static func time(_ text: String, option: Option<String>, zone: TimeZoneRules, spec: CommandSpec) throws(UsageError) -> TimeInput {
        do throws(TimeFormatError) { return try TimeInput(parsing: text, in: zone) } catch {
            throw UsageError("The value '\(text.quotedForMessage)' is invalid for '--\(option.declaration.name)': \(error.problem)", command: spec)
        }
    }
}
