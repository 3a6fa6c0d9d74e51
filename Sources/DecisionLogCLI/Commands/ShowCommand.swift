import DecisionLog

/// `decisionlog show <view>` or `decisionlog show <event>`.
enum ShowCommand: Command {
    static let spec = CommandSpec(
        name: "show", abstract: "Show a view (\(Views.names.joined(separator: ", ")), or attention) or one event.",
        discussion: "With a view name, shows it as of a moment: --as-of picks the effective time (what the plan was), --known-at the recorded time (what the log knew); combine them to ask what was believed on one day about another. 'show attention' lists what a weekly sync must look at: goals at risk or past due, KPIs off target for their period, launches moved since --since (a week before, by default), decisions due for review, goals and launches nobody owns. With an event's seq or id, shows that event in full.",
        arguments: [.init(name: "<view-or-event>", help: "A view (\(Views.names.joined(separator: ", "))), attention, or an event: 12, #12, its id or the start of it.")],
        options: [
            ViewQuery.asOfOption, ViewQuery.knownAtOption, ViewQuery.subjectOption,
            .init(name: "since", value: "<point>", help: "For attention: launches moved after this moment count (default: a week before --as-of)."),
            .init(name: "format", value: "<format>", help: "For a view: table (default), json, csv or markdown. For an event: text (default), json or jsonl."),
            CommandSpec.logOption,
        ])

    static func run(_ arguments: ArraySlice<String>, in context: CommandContext) throws {
        let args = try ArgumentParser.parse(arguments, for: spec)
        let target = args.positionals[0]
        if target == AttentionList.name {
            try showAttention(args, context)
        } else if Views.named(target) != nil || EventReference(target) == nil {
            try showView(args, context)
        } else {
            try showEvent(target, args, context)
        }
    }

    private static func showView(_ args: ParsedArguments, _ context: CommandContext) throws {
        if args.value("since") != nil { throw UsageError("'--since' applies to attention; for a view, compare two moments with 'decisionlog diff'", command: spec) }
        let store = try context.openLog(args)
        let query = ViewQuery(store: store, context: context, spec: spec)
        let format = try query.format(args)
        let (table, moment) = try query.table(args)
        try context.deliver(query.rendering.view(table, at: moment, format: format), format: format.rawValue)
    }

    private static func showAttention(_ args: ParsedArguments, _ context: CommandContext) throws {
        let store = try context.openLog(args)
        let query = ViewQuery(store: store, context: context, spec: spec)
        let format = try query.format(args)
        let asOf = try query.point(args.value("as-of"), option: "--as-of")
        let known = try query.point(args.value("known-at"), option: "--known-at")
        let since = try query.point(args.value("since"), option: "--since")
        let replay = try query.replay(AttentionList.views, known: known, asOf: [asOf, since])
        let moment = try query.moment(replay, asOf: asOf, known: known)
        let sinceAsOf = try since.map { try query.moment(replay, asOf: $0, known: known).asOf }
            ?? AsOf(moment.asOf.instant.adding(milliseconds: -7 * 86_400_000))
        let table = query.filtered(AttentionList.table(replay, asOf: moment.asOf, since: sinceAsOf), args.value("subject"))
        try context.deliver(query.rendering.view(table, at: moment, format: format), format: format.rawValue)
    }

    private static func showEvent(_ text: String, _ args: ParsedArguments, _ context: CommandContext) throws {
        for option in ["as-of", "known-at", "subject", "since"] where args.value(option) != nil {
            throw UsageError("'--\(option)' applies to views; '\(text.quotedForMessage)' names an event", command: spec)
        }
        let format = try args.choice("format", ["text", "json", "jsonl"], default: "text", spec: spec)
        let reference = EventReference(text)!
        let store = try context.openLog(args)
        var found = try store.events(matching: reference)
        if found.isEmpty, case .seq = reference, !text.hasPrefix("#"), text.count >= 8 {
            found = try store.events(matching: .idPrefix(text))  // digits only, but long enough to be an id's start
        }
        guard found.count == 1, let event = found.first else {
            if found.isEmpty { throw CommandFailure("no event \(reference) in this log; 'decisionlog log' lists them", .invalidInput) }
            throw CommandFailure("'\(text.quotedForMessage)' matches \(found.count) events; give more of the id", .invalidInput)
        }
        switch format {
        case "json": context.console.writeData(PrettyJSON.format(event.line.dropLast()) + "\n")
        case "jsonl": context.console.writeData(String(decoding: event.line, as: UTF8.self))
        default: context.console.writeOut(EventRendering(timeZone: store.configuration.timeZone).detail(event))
        }
    }
}
