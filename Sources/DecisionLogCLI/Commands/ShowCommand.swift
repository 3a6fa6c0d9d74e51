import DecisionLog

/// `decisionlog show <view>` or `decisionlog show <event>`.
enum ShowCommand: Command {
    static let spec = CommandSpec(
        name: "show", abstract: "Show a view (\(Views.names.joined(separator: ", ")), or attention) or one event.",
        discussion: "With a view name, shows it as of a moment: --as-of picks the effective time (what the plan was), --known-at the recorded time (what the log knew); combine them to ask what was believed on one day about another. 'show attention' lists what a weekly sync must look at: goals at risk or past due, KPIs off target for their period, launches moved since --since (a week before, by default), decisions due for review, goals and launches nobody owns. With an event's seq or id, shows that event in full.",
        arguments: [.init(name: "<view-or-event>", help: "A view (\(Views.names.joined(separator: ", "))), attention, or an event: 12, #12, its id or the start of it.")],
        options: [
            ViewQuery.asOf.declaration, ViewQuery.knownAt.declaration, ViewQuery.subject.declaration,
            since.declaration, format.declaration,
            CommandSpec.logOption,
        ])

    static let since = Option("since", "<point>", help: "For attention: launches moved after this moment count (default: a week before --as-of).")
    static let format = Option("format", "<format>", help: "For a view: table (default), json, csv or markdown. For an event: text (default), json or jsonl.")

    static func run(_ arguments: SplitArguments, in context: CommandContext) throws {
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
        if args.gave(since.declaration) { throw UsageError("'--since' applies to attention; for a view, compare two moments with 'decisionlog diff'", command: spec) }
        let store = try context.openLog(args)
        let query = ViewQuery(store: store, context: context, spec: spec)
        let format = try query.format(args, ShowCommand.format)
        let (table, moment) = try query.table(args)
        try context.deliver(query.rendering.view(table, at: moment, format: format), format: format.rawValue)
    }

    private static func showAttention(_ args: ParsedArguments, _ context: CommandContext) throws {
        let store = try context.openLog(args)
        let query = ViewQuery(store: store, context: context, spec: spec)
        let format = try query.format(args, ShowCommand.format)
        let asOf = try query.point(args, ViewQuery.asOf)
        let known = try query.point(args, ViewQuery.knownAt)
        let since = try query.point(args, since)
        let subject = try args.value(ViewQuery.subject)
        let (table, moment, _) = try query.answer({ try $0.attention(asOf: asOf, known: known, since: since, subject: subject) }, replay: \.replay)
        try context.deliver(query.rendering.view(table, at: moment, format: format), format: format.rawValue)
    }

    private static func showEvent(_ text: String, _ args: ParsedArguments, _ context: CommandContext) throws {
        for option in [ViewQuery.asOf, ViewQuery.knownAt, ViewQuery.subject, since] where args.gave(option.declaration) {
            throw UsageError("'--\(option.declaration.name)' applies to views; '\(text.quotedForMessage)' names an event", command: spec)
        }
        let format = try args.choice(ShowCommand.format, ["text", "json", "jsonl"], default: "text")
        let store = try context.openLog(args)
        let event: Event
        switch try store.lookUp(text, digitsMayStartAnID: true) {
        case .found(let found): event = found
        case .missing(let reference): throw CommandFailure("no event \(reference) in this log; 'decisionlog log' lists them", .invalidInput)
        case .ambiguous(let count): throw CommandFailure("'\(text.quotedForMessage)' matches \(count) events; give more of the id", .invalidInput)
        case .notAReference: preconditionFailure("showEvent is given references only")
        }
        switch format {
        case "json": context.console.writeData(PrettyJSON.format(event.line.dropLast()) + "\n")
        case "jsonl": context.console.writeData(String(decoding: event.line, as: UTF8.self))
        default: context.console.writeOut(EventRendering(timeZone: store.configuration.timeZone).detail(event))
        }
    }
}
